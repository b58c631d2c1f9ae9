"""The language switcher's endpoint: Django's set_language, reading ``next`` in its own language.

set_language turns ``next`` into the chosen language's address of the same page with
``translate_url``, which resolves the path in the *active* language. At /i18n/setlang/ (no
prefix) that is the cookie's or the browser's language, not the page's: a page at /fr/... did
not resolve, and the reader stayed on the French page (the old switcher cut three characters off
the path instead, which broke on /accounts/ and would on /zh-hans/). Activating the language of
``next``'s own prefix first makes every language-prefixed page translate, whatever its prefix.
"""

from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


@require_POST
def set_language(request):
    """Remember the chosen language and redirect to the same page in it."""
    page_language = translation.get_language_from_path(request.POST.get("next") or "")
    with translation.override(page_language or translation.get_language()):
        return django_set_language(request)
