"""sitemap.xml: every public page in every site language (published practices only)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from states.models import RegionalBody, State

from .models import Pillar, Practice, Theme


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(_I18nSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "practices:practice_list",
            "states:state_list",
            "practices:theme_list",
            "practices:pillar_list",
            "states:body_list",
            "pages:whats_new",
            "pages:about",
            "pages:accessibility",
            "pages:api_data",
            "pages:contact",
        ]

    def location(self, item):
        return reverse(item)


class PracticeSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Practice.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, practice):
        return practice.updated_at


class _ModelSitemap(_I18nSitemap):
    model = None

    def items(self):
        return self.model.objects.order_by("pk")


class ThemeSitemap(_ModelSitemap):
    model = Theme


class PillarSitemap(_ModelSitemap):
    model = Pillar


class StateSitemap(_ModelSitemap):
    model = State


class BodySitemap(_ModelSitemap):
    model = RegionalBody


SITEMAPS = {
    "pages": StaticSitemap,
    "practices": PracticeSitemap,
    "themes": ThemeSitemap,
    "pillars": PillarSitemap,
    "states": StateSitemap,
    "bodies": BodySitemap,
}
