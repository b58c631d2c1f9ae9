"""sitemap.xml: every public page in every site language (published practices only)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from states.models import RegionalBody, State

from .models import Pillar, Practice, Theme


class _I18nSitemap(Sitemap):
    """Every page in every site language, with hreflang alternates and x-default."""

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
            "reviews:criteria",
        ]

    def location(self, item):
        return reverse(item)


class PracticeSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Practice.objects.published()
            .only("slug", "published_at")
            .annotate(last_published=Max("versions__published_at"))
            .order_by("pk")
        )

    def lastmod(self, practice):
        # The last published change, as the page says; not a save that changed nothing public.
        return practice.last_published or practice.published_at


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


# Apps above this one add their sections from their ``AppConfig.ready`` (questionnaires).
SITEMAPS = {
    "pages": StaticSitemap,
    "practices": PracticeSitemap,
    "themes": ThemeSitemap,
    "pillars": PillarSitemap,
    "states": StateSitemap,
    "bodies": BodySitemap,
}
