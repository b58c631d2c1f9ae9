"""Atom feeds, the CSV export of the current search, sitemap.xml and robots.txt."""

import csv
import io
from xml.etree import ElementTree

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entry_titles(response):
    feed = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def test_global_feed_is_atom_with_the_published_practices(client, catalogue):
    response = client.get(reverse("practices:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    assert len(entry_titles(response)) == 3


def test_theme_feed_has_only_that_themes_practices(client, catalogue):
    response = client.get(reverse("practices:theme_feed", args=["diaspora"]))

    assert sorted(entry_titles(response)) == [
        "Colombia Nos Une diaspora programme",
        "Three-for-One (3x1) programme for migrants' community projects",
    ]


def test_state_feed_includes_practices_the_state_partners_in(client, catalogue):
    catalogue["ghanaian"].partner_states.add(catalogue["colombia"])

    response = client.get(reverse("practices:state_feed", args=["colombia"]))

    assert sorted(entry_titles(response)) == [
        "Colombia Nos Une diaspora programme",
        "Remittance cost reduction in Ghana",
    ]


def test_unknown_theme_feed_is_not_found(client, catalogue):
    assert client.get(reverse("practices:theme_feed", args=["nope"])).status_code == 404


def test_csv_export_holds_the_current_search_results(client, catalogue):
    response = client.get(
        reverse("practices:practice_export"), {"q": "remittance", "region": "africa"}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [row["title"] for row in rows] == ["Remittance cost reduction in Ghana"]
    assert rows[0]["lead_state"] == "Ghana"
    assert rows[0]["url"] == "http://testserver/en/practices/ghana-remittance-costs/"


def test_csv_export_and_search_page_agree(client, catalogue):
    params = {"theme": "diaspora", "ordering": "title"}

    page = client.get(reverse("practices:practice_list"), params)
    rows = csv_rows(client.get(reverse("practices:practice_export"), params))

    assert [row["title"] for row in rows] == [p.title for p in page.context["page_obj"]]


def test_sitemap_index_lists_sections_and_practices_in_every_language(client, catalogue):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-practices.xml" in index

    practices = client.get("/sitemap-practices.xml").content.decode()

    for language in ("en", "fr", "es"):
        assert f"/{language}/practices/mexico-3x1/" in practices
    assert 'hreflang="fr"' in practices


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
