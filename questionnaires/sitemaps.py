"""The questionnaire pages in sitemap.xml: the list of rounds and each round's results.

Registered into ``practices.sitemaps.SITEMAPS`` by this app's ``ready()`` (``practices`` sits
below this app and cannot import it)."""

from django.urls import reverse

from practices.sitemaps import _I18nSitemap

from .models import Round


class QuestionnaireSitemap(_I18nSitemap):
    changefreq = "monthly"

    def items(self):
        # The round list first, then every round's results page (all are public).
        return ["questionnaires:round_list", *Round.objects.order_by("-year")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
