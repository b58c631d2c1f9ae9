"""The site's reading pages: index pages of themes, pillars and regional bodies, "What's new",
and the fixed pages (About, Accessibility statement, API and data, Contact).

They list published practices only, through ``Practice.objects.published()``; their counts are
read in ``selectors``.
"""

from django.shortcuts import render
from django.views.generic import TemplateView

from . import selectors

WHATS_NEW_SIZE = 12


def theme_list(request):
    return render(request, "pages/theme_list.html", {"themes": selectors.themes_with_counts()})


def pillar_list(request):
    return render(request, "pages/pillar_list.html", {"pillars": selectors.pillars_with_counts()})


def body_list(request):
    return render(request, "pages/body_list.html", {"kinds": selectors.bodies_by_kind()})


def whats_new(request):
    return render(request, "pages/whats_new.html", selectors.whats_new(WHATS_NEW_SIZE))


def page(name):
    """A fixed page: its template is ``pages/<name>.html``."""
    return TemplateView.as_view(template_name=f"pages/{name}.html")
