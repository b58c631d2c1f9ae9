"""The results CSV: computed shares and reported figures, told apart by a ``basis`` column."""

import csv
import io

from django.urls import reverse

from tests.factories import RegionFactory, StateFactory, SubregionFactory

from .factories import AnswerFactory, ReportedFigureFactory, ResponseFactory


def _rows(client, round, query=""):
    response = client.get(
        reverse("questionnaires:round_results_csv", kwargs={"year": round.year}) + query
    )
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_a_computed_row_per_option_and_a_reported_row_per_figure(client, round, questions):
    AnswerFactory(response=ResponseFactory(round=round), question=questions["yes_no"])
    ReportedFigureFactory(question=questions["yes_no"], value=84, source_section="2.2")

    rows = [r for r in _rows(client, round) if r["question_code"] == "coordinating-unit"]

    assert [
        (r["option"], r["basis"], r["count"], r["denominator"], r["percent"]) for r in rows
    ] == [
        ("yes", "computed_from_answers_held_here", "1", "1", "100"),
        ("no", "computed_from_answers_held_here", "0", "1", "0"),
        ("yes", "reported_in_source", "", "", "84"),
    ]
    assert rows[2]["source_section"] == "2.2"


def test_csv_follows_the_region_filter(client, round, questions):
    africa = RegionFactory(name="Africa", slug="africa")
    ghana = StateFactory(iso2="GH", subregion=SubregionFactory(parent=africa))
    AnswerFactory(response=ResponseFactory(round=round, state=ghana), question=questions["yes_no"])
    elsewhere = StateFactory(iso2="SE")
    AnswerFactory(
        response=ResponseFactory(round=round, state=elsewhere),
        question=questions["yes_no"],
        choice="no",
    )

    rows = _rows(client, round, "?region=africa")

    yes = next(
        r for r in rows if r["question_code"] == "coordinating-unit" and r["option"] == "yes"
    )
    assert (yes["count"], yes["denominator"], yes["region"]) == ("1", "1", "africa")


def test_csv_neutralises_text_a_spreadsheet_would_run(client, round, questions):
    ReportedFigureFactory(question=questions["yes_no"], statement="=HYPERLINK(1)")

    rows = _rows(client, round)

    assert any(r["statement"] == "'=HYPERLINK(1)" for r in rows)


def test_unknown_round_is_not_found(client, db):
    assert client.get("/en/questionnaires/1999/results.csv").status_code == 404
