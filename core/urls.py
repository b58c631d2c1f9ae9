"""``reverse`` for the pages addressed by one slug, at the cost of string formatting.

A result page links every card's practice and themes, the API every related object: one
``reverse`` each cost ~0.1 ms (Django resolves the pattern and quotes the candidate each time),
a few milliseconds per page. The address of such a page differs from another's only by the
slug, so it is reversed once per view, language, script prefix and URL configuration with a
placeholder, and the slug put in its place. A slug that is not a plain ASCII slug (which the
model's ``SlugField`` does not allow, but a row written around it could hold) goes through
``reverse`` itself, so the quoting is always Django's.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_PLACEHOLDER = "slug-placeholder-7f3a"
_templates = {}


def reverse_slug(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})``."""
    if not _PLAIN_SLUG.match(slug):
        return reverse(viewname, kwargs={"slug": slug})
    key = (viewname, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    template = _templates.get(key)
    if template is None:
        head, tail = reverse(viewname, kwargs={"slug": _PLACEHOLDER}).split(_PLACEHOLDER)
        template = _templates[key] = (head, tail)
    return f"{template[0]}{slug}{template[1]}"
