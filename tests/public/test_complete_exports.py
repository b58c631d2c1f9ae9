"""The CSV export carries every public field of a practice, and sitemap.xml every public page
type, the questionnaire pages included."""

import csv
import io

import pytest
from django.urls import reverse

from practices import views, workflow
from practices.models import Practice
from tests import factories
from tests.questionnaires.factories import RoundFactory

pytestmark = pytest.mark.django_db


def export_rows(client, **params):
    response = client.get(reverse("practices:practice_export"), params)
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def test_the_csv_export_holds_the_long_texts_the_practice_page_shows(client):
    body = factories.RegionalBodyFactory(acronym="MERCOSUR")
    reporter = factories.StateFactory(iso2="AR")
    practice = factories.PracticeFactory(
        lead_state=None,
        lead_body=body,
        reported_by=reporter,
        description="What it does, at length.",
        objectives="Free residence.",
        results="Many permits.",
        lessons="Take time.",
        source_url="https://example.org/paper",
        source_year=2008,
    )
    practice.institutions.add(factories.InstitutionFactory(state=reporter, name="Migration office"))

    (row,) = export_rows(client)

    assert row["description"] == "What it does, at length."
    assert row["objectives"] == "Free residence."
    assert row["results"] == "Many permits."
    assert row["lessons"] == "Take time."
    assert row["reported_by"] == "Argentina"
    assert row["institutions"] == "Migration office"
    assert row["source_url"] == "https://example.org/paper"
    assert row["source_year"] == "2008"
    assert row["lead_body"] == str(body)


def test_the_csv_export_gives_the_last_published_change_without_microseconds(client, moderator):
    practice = factories.PracticeFactory(status=Practice.Status.SUBMITTED, published_at=None)
    workflow.approve(practice, by=moderator)

    (row,) = export_rows(client)

    version = practice.versions.get()
    assert row["last_updated"] == version.published_at.isoformat(timespec="seconds")


def test_the_csv_export_keeps_its_formula_guard_on_the_long_texts(client):
    factories.PracticeFactory(lessons='=HYPERLINK("http://evil.example")')

    (row,) = export_rows(client)

    assert row["lessons"].startswith("'=")


def test_the_csv_header_lists_every_column_once(client):
    factories.PracticeFactory()

    response = client.get(reverse("practices:practice_export"))
    header = b"".join(response.streaming_content).decode().splitlines()[0].split(",")

    assert header == views.CSV_COLUMNS
    assert len(set(header)) == len(header)


def test_the_sitemap_lists_the_questionnaire_pages_in_every_language(client, settings):
    RoundFactory(year=2008)

    index = client.get("/sitemap.xml").content.decode()
    section = client.get("/sitemap-questionnaires.xml").content.decode()

    assert "sitemap-questionnaires.xml" in index
    for code, _name in settings.LANGUAGES:
        assert f"http://testserver/{code}/questionnaires/</loc>" in section
        assert f"http://testserver/{code}/questionnaires/2008/</loc>" in section
