"""A saved search's private Atom feed: its address carries the subscription's secret token."""

from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse

from practices.feeds import LatestPracticesFeed
from practices.filters import PracticeFilter
from practices.models import Practice

from .models import Subscription


class SavedSearchFeed(LatestPracticesFeed):
    def get_object(self, request, token):
        return get_object_or_404(Subscription.objects.filter(unsubscribed_at=None), token=token)

    def title(self, obj):
        return obj.label

    def link(self, obj):
        url = reverse("practices:practice_list")
        return f"{url}?{obj.query}" if obj.query else url

    def practices(self, obj):
        # The very FilterSet of the search page, newest first.
        return PracticeFilter(QueryDict(obj.query), queryset=Practice.objects.published()).qs
