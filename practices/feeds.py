"""Atom feeds of newly published practices: everything, per theme and per State."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.text import strip_xml_illegal
from states.models import State

from .models import Practice, Theme

FEED_SIZE = 30


def _xml_safe(values):
    """``values`` (a feed's or an item's) with every text stripped of what XML cannot hold."""
    return {
        key: strip_xml_illegal(value) if isinstance(value, str) else value
        for key, value in values.items()
    }


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text, as practices' summaries are.

    Django's Atom1Feed declares every summary ``type="html"``, so a reader would render a
    summary's ``<img onerror=...>`` as markup. Text stored before control characters were
    refused is stripped of what XML cannot hold, instead of failing the whole feed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = _xml_safe(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = _xml_safe(self.items[-1])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestPracticesFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("GFMD good-practice platform: newly published practices")
    subtitle = _("Practices governments and regional bodies share on migration and development.")

    link = reverse_lazy("practices:practice_list")

    def practices(self, obj):
        return Practice.objects.published()

    def items(self, obj=None):
        return (
            self.practices(obj)
            .select_related("lead_state", "lead_body")
            .only(
                "title", "slug", "summary", "published_at", "updated_at", "lead_state", "lead_body"
            )
            .newest_first()[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.lead_name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class ThemeFeed(LatestPracticesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return _("GFMD platform: new practices on %(theme)s") % {"theme": obj.display_name}

    def link(self, obj):
        return obj.get_absolute_url()

    def practices(self, obj):
        return Practice.objects.published().filter(themes=obj)


class StateFeed(LatestPracticesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(State, slug=slug)

    def title(self, obj):
        return _("GFMD platform: new practices of %(state)s") % {"state": obj.display_name}

    def link(self, obj):
        return obj.get_absolute_url()

    def practices(self, obj):
        return Practice.objects.published().involving_state(obj)
