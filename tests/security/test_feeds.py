"""Atom feeds: plain text goes out as text, and text no XML may hold never takes a feed down.

ASVS 4.0.3 V5.3.3 (output encoding for the context) and V5.3.1 (output encoding for the
interpreter): a feed reader must show a practice's summary as the text it is.
"""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MARKUP = "<img src=x onerror=alert(1)>"


def entries(response):
    assert response.status_code == 200
    return list(ElementTree.fromstring(response.content).iter(f"{ATOM}entry"))


def test_a_summary_holding_markup_arrives_as_text_escaped_once(client):
    factories.PracticeFactory(summary=MARKUP)

    response = client.get(reverse("practices:feed"))

    [entry] = entries(response)
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == MARKUP
    assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content
    assert b"&amp;lt;" not in response.content


@pytest.mark.parametrize("character", ["\x01", "\x08", "\x0b", "\x0c", "\x1f"])
def test_every_feed_answers_with_a_control_character_in_a_published_practice(client, character):
    theme = factories.ThemeFactory(slug="remittances")
    state = factories.StateFactory(iso2="GH")
    factories.PracticeFactory(
        title=f"Cheaper{character} remittances",
        summary=f"Fees{character} cut by half.",
        lead_state=state,
        themes=[theme],
    )
    urls = [
        reverse("practices:feed"),
        reverse("practices:theme_feed", args=[theme.slug]),
        reverse("practices:state_feed", args=[state.slug]),
    ]

    for url in urls:
        [entry] = entries(client.get(url))
        assert entry.find(f"{ATOM}title").text == "Cheaper remittances"
        assert entry.find(f"{ATOM}summary").text == "Fees cut by half."


def test_the_sitemap_answers_with_a_control_character_in_a_published_title(client):
    factories.PracticeFactory(title="Cheaper\x0c remittances", slug="cheaper-remittances")

    response = client.get("/sitemap-practices.xml")

    assert response.status_code == 200
    assert b"/en/practices/cheaper-remittances/" in response.content
    ElementTree.fromstring(response.content)
