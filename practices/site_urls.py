"""Site-wide files outside the language prefix: sitemap.xml (an index), robots.txt and
favicon.ico (browsers ask for it at the root whatever the page declares)."""

from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path
from django.views.generic import TemplateView

from .sitemaps import SITEMAPS


def favicon(request):
    """The icon in static/. Not a permanent redirect: the address carries a content hash in
    production, which changes with the icon; read when asked, so a missing manifest entry
    fails this request only."""
    return redirect(static("favicon.ico"))


urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("favicon.ico", favicon, name="favicon"),
]
