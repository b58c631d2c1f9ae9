"""Atom feeds of newly published practices: everything, per theme and per State."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from states.models import State

from .models import Practice, Theme

FEED_SIZE = 30


class LatestPracticesFeed(Feed):
    feed_type = Atom1Feed
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
            .order_by("-published_at", "title")[:FEED_SIZE]
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
