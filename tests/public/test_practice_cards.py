"""Result cards (``practices.cards``): what a listed practice shows, on search, theme and home
pages, in the reader's language, with every value escaped."""

import re

import pytest
from django.test.html import parse_html

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db


def cards_of(response):
    html = response.content.decode()
    return re.findall(r'<article class="card".*?</article>', html, flags=re.S)


@pytest.fixture
def listed(db, reindex):
    mexico = factories.StateFactory(iso2="MX")
    pillar = factories.PillarFactory(name="Diaspora pillar", slug="diaspora-pillar")
    remittances = factories.ThemeFactory(name="Remittances", slug="remittances")
    diaspora = factories.ThemeFactory(name="Diaspora", slug="diaspora")
    practice = factories.PracticeFactory(
        title="Three-for-one <programme> & partners",
        slug="three-for-one",
        summary="Hometown associations <b>match</b> remittances.",
        lead_state=mexico,
        pillar=pillar,
        start_year=2002,
        end_year=2006,
        themes=[remittances, diaspora],
    )
    reindex()
    return practice


def test_a_card_links_the_practice_and_names_its_state_years_pillar_and_themes(client, listed):
    (card,) = cards_of(client.get("/en/themes/remittances/"))
    expected = parse_html(
        '<article class="card">'
        '<h3 class="card-title" dir="auto"><a href="/en/practices/three-for-one/">'
        "Three-for-one &lt;programme&gt; &amp; partners</a></h3>"
        '<p class="card-meta" lang="en"><span>Mexico</span> <span>· <bdi>2002–2006</bdi></span> '
        "<span>· Diaspora pillar</span></p>"
        '<p dir="auto">Hometown associations &lt;b&gt;match&lt;/b&gt; remittances.</p>'
        '<ul class="tags" aria-label="Themes" lang="en">'
        '<li><a href="/en/themes/diaspora/">Diaspora</a></li>'
        '<li><a href="/en/themes/remittances/">Remittances</a></li></ul></article>'
    )
    assert parse_html(card) == expected


def test_a_search_card_shows_the_highlighted_passage_instead_of_the_summary(client, listed):
    (card,) = cards_of(client.get("/en/practices/", {"q": "hometown"}))
    assert '<p class="snippet" dir="auto">' in card
    assert "<mark>Hometown</mark>" in card
    # The practice's own markup stays text inside the highlighted passage too.
    assert "&lt;b&gt;match&lt;/b&gt;" in card
    assert "<b>" not in card


def test_the_links_and_labels_of_a_card_follow_the_readers_language(client, listed):
    (card,) = cards_of(client.get("/fr/themes/remittances/"))
    assert 'href="/fr/practices/three-for-one/"' in card
    assert 'href="/fr/themes/diaspora/"' in card
    assert 'aria-label="Thèmes" lang="fr"' in card
    assert "<span>Mexique</span>" in card
    # The text is English: the card says so, in French, and marks its language.
    assert card.startswith('<article class="card" lang="en">')
    assert '<span class="language-label">· En anglais</span>' in card


def test_a_card_in_the_practices_own_language_has_no_language_label(client, listed):
    (card,) = cards_of(client.get("/en/themes/remittances/"))
    assert "language-label" not in card


def test_a_regional_bodys_practice_names_the_body_by_its_acronym(client, reindex):
    body = factories.RegionalBodyFactory(acronym="<EC>", name="Economic Community")
    practice = factories.PracticeFactory(lead_state=None, lead_body=body, start_year=None)
    reindex()
    (card,) = cards_of(client.get(practice.pillar.get_absolute_url()))
    meta = card.split('<p class="card-meta"', 1)[1].split("</p>", 1)[0]
    assert "<span><bdi>&lt;EC&gt;</bdi></span>" in meta
    assert "–" not in meta  # no years given: none shown


def test_the_home_page_lists_the_latest_practices_as_cards(client, listed):
    cards = cards_of(client.get("/en/"))
    assert len(cards) == Practice.objects.published().count() == 1
    assert 'href="/en/practices/three-for-one/"' in cards[0]
