"""What machines read on a practice page: JSON-LD, OpenGraph, Highwire citation tags (as
Zotero reads them), canonical and hreflang alternates, as extruct finds them."""

import json

import extruct
import pytest

from tests import factories


@pytest.fixture
def page(client, paper_practice):
    url = paper_practice.get_absolute_url()
    html = client.get(url).content.decode()
    return html, extruct.extract(
        html, base_url=f"http://testserver{url}", syntaxes=["json-ld", "opengraph"], uniform=True
    )


def test_extruct_finds_a_schema_org_report_with_the_lead_state_dates_and_themes(page):
    _html, data = page

    (report,) = data["json-ld"]
    assert report["@type"] == "Report"
    assert report["name"] == "Three per One (3x1) programme"
    assert report["author"]["@type"] == "GovernmentOrganization"
    assert report["author"]["name"] == "Government of Mexico"
    assert report["dateCreated"] == "2008"
    assert {"datePublished", "dateModified"} <= report.keys()
    assert report["about"] == [{"@type": "Thing", "name": "Remittances"}]
    assert report["inLanguage"] == "en"
    assert report["spatialCoverage"]["name"] == "Mexico"
    assert report["isPartOf"]["@type"] == "WebSite"
    assert "Roundtable 3.2" in report["citation"]["name"]


def test_extruct_finds_opengraph_title_type_and_url(page):
    _html, data = page

    (og,) = data["opengraph"]
    assert og["og:title"] == "Three per One (3x1) programme"
    assert og["@type"] == "article"
    assert og["og:url"] == "http://testserver/en/practices/mexico-3x1-programme/"


def test_the_highwire_citation_tags_zotero_reads_are_present(page):
    html, _data = page

    for tag in [
        '<meta name="citation_title" content="Three per One (3x1) programme">',
        '<meta name="citation_author" content="Government of Mexico">',
        '<meta name="citation_publication_date" content="2008">',
        '<meta name="citation_publisher" content="GFMD good-practice platform">',
        '<meta name="citation_language" content="en">',
        '<meta name="citation_abstract_html_url" '
        'content="http://testserver/en/practices/mexico-3x1-programme/">',
        '<meta name="twitter:card" content="summary">',
    ]:
        assert tag in html, tag


def test_canonical_and_an_alternate_per_site_language_plus_x_default(page, settings):
    html, _data = page

    path = "/practices/mexico-3x1-programme/"
    assert f'<link rel="canonical" href="http://testserver/en{path}">' in html
    for code, _name in settings.LANGUAGES:
        link = f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}{path}">'
        assert link in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver/en{path}">' in html


def test_a_title_holding_a_closing_script_tag_cannot_break_out_of_the_json_ld(client, db):
    practice = factories.PracticeFactory(title='Evil </script><script>alert("x")</script> & co')

    html = client.get(practice.get_absolute_url()).content.decode()

    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(block)["name"] == practice.title
    assert "<script>alert" not in html
