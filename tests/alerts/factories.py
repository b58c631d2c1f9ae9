"""Subscriptions made the way the pages make them: a search page's query string, read through
the practices FilterSet, saved by ``alerts.subscriptions.subscribe``."""

from django.http import QueryDict
from django.utils import timezone

from alerts import subscriptions
from alerts.matching import read_search
from practices.indexing import update_search_index
from tests import factories


def saved_search(query, *, user=None, email="", frequency="daily", confirmed=True):
    """A subscription to the search ``query`` (e.g. ``"theme=remittances&q=bonds"``)."""
    stored_query, criteria = read_search(QueryDict(query))
    subscription = subscriptions.subscribe(
        query=stored_query, criteria=criteria, frequency=frequency, user=user, email=email
    )
    if confirmed and subscription.confirmed_at is None:
        subscriptions.confirm(subscription)
    if confirmed:
        # Practices published from now on are news to it (none published earlier is sent).
        subscription.confirmed_at = timezone.now() - timezone.timedelta(minutes=5)
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def published_practice(**kwargs):
    """A practice published now and indexed, as approval leaves it."""
    practice = factories.PracticeFactory(**kwargs)
    update_search_index([practice])
    return practice
