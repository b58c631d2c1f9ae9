"""Each saved search has a private Atom feed: the search page's FilterSet, by secret token."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests import factories
from tests.alerts.factories import published_practice, saved_search

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_saved_search_feed_lists_what_the_search_finds(client):
    theme = factories.ThemeFactory(slug="remittances", name="Remittances")
    subscription = saved_search("theme=remittances", email="feed@example.org")
    published_practice(themes=[theme], title="In the theme")
    published_practice(title="Outside the theme")
    response = client.get(subscription.get_feed_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["In the theme"]
    assert feed.find(f"{ATOM}title").text == "Theme: Remittances"


def test_an_unknown_or_ended_feed_token_is_a_404(client):
    assert client.get(reverse("alerts:feed", kwargs={"token": "guess"})).status_code == 404
    subscription = saved_search("", email="gone@example.org")
    subscription.unsubscribed_at = subscription.confirmed_at
    subscription.save()
    assert client.get(subscription.get_feed_url()).status_code == 404
