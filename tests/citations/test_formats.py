"""A practice's reference as APA-style text, BibTeX, RIS and CSL-JSON, at stable addresses."""

import json

import bibtexparser
import pytest
from django.urls import reverse

from practices.models import Practice
from tests import factories


def cite_url(practice, fmt):
    return reverse("practices:practice_cite", kwargs={"slug": practice.slug, "fmt": fmt})


def test_a_paper_practice_is_cited_with_its_source_year_not_its_load_date(client, paper_practice):
    html = client.get(paper_practice.get_absolute_url()).content.decode()

    assert (
        "Government of Mexico. (2008). Three per One (3x1) programme. GFMD good-practice "
        "platform. http://testserver/en/practices/mexico-3x1-programme/"
    ) in html
    assert '<details class="cite" id="cite">' in html


def test_the_bibtex_download_parses_with_the_source_year_and_the_government_as_author(
    client, paper_practice
):
    response = client.get(cite_url(paper_practice, "bib"))

    assert response["Content-Type"].startswith("application/x-bibtex")
    assert 'filename="gfmd-mexico-3x1-programme.bib"' in response["Content-Disposition"]
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "misc"
    assert entry.key == "gfmd-mexico-3x1-programme"
    assert entry["year"] == "2008"
    assert entry["author"] == "{Government of Mexico}"
    assert entry["title"] == "Three per One (3x1) programme"
    assert entry["url"] == "http://testserver/en/practices/mexico-3x1-programme/"


def test_bibtex_special_characters_in_a_title_are_escaped(client, db):
    practice = factories.PracticeFactory(title="50% of {costs} & fees_for #1", source_year=2010)

    library = bibtexparser.parse_string(client.get(cite_url(practice, "bib")).content.decode())

    assert not library.failed_blocks
    assert library.entries[0]["title"] == r"50\% of \{costs\} \& fees\_for \#1"


def test_the_ris_download_has_one_tag_per_line_and_ends_the_record(client, paper_practice):
    response = client.get(cite_url(paper_practice, "ris"))

    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC"
    assert "AU  - Government of Mexico" in lines
    assert "PY  - 2008" in lines
    assert "TI  - Three per One (3x1) programme" in lines
    assert "UR  - http://testserver/en/practices/mexico-3x1-programme/" in lines
    assert "KW  - Remittances" in lines
    assert lines[-2:] == ["ER  - ", ""]
    assert all(line[2:6] == "  - " for line in lines[:-1])


def test_the_csl_json_download_holds_the_keys_citation_processors_need(client, paper_practice):
    response = client.get(cite_url(paper_practice, "json"))

    (item,) = json.loads(response.content)
    assert item["type"] == "webpage"
    assert item["id"] == "gfmd-mexico-3x1-programme"
    assert item["title"] == "Three per One (3x1) programme"
    assert item["author"] == [{"literal": "Government of Mexico"}]
    assert item["issued"] == {"date-parts": [[2008]]}
    assert item["URL"] == "http://testserver/en/practices/mexico-3x1-programme/"
    assert item["container-title"] == "GFMD good-practice platform"


def test_a_practice_of_a_body_is_cited_under_the_body(client, db):
    body = factories.RegionalBodyFactory(acronym="MERCOSUR", name="Southern Common Market")
    practice = factories.PracticeFactory(lead_state=None, lead_body=body, source_year=2008)

    (item,) = json.loads(client.get(cite_url(practice, "json")).content)

    assert item["author"] == [{"literal": "Southern Common Market (MERCOSUR)"}]


def test_a_submission_without_a_source_year_is_cited_with_its_first_publication_year(
    client, approved
):
    (item,) = json.loads(client.get(cite_url(approved, "json")).content)

    assert item["issued"] == {"date-parts": [[approved.published_at.year]]}


@pytest.mark.parametrize("fmt", ["bib", "ris", "json"])
def test_an_unpublished_practice_has_no_citation(client, db, fmt):
    draft = factories.PracticeFactory(status=Practice.Status.DRAFT, published_at=None)

    assert client.get(cite_url(draft, fmt)).status_code == 404


def test_an_unknown_citation_format_is_not_found(client, paper_practice):
    url = cite_url(paper_practice, "bib").replace(".bib", ".docx")

    assert client.get(url).status_code == 404
