"""Figures reported in the source are shown beside, never mixed with, figures computed here."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from questionnaires.models import ReportedFigure

from .factories import AnswerFactory, ReportedFigureFactory, ResponseFactory


@pytest.fixture(autouse=True)
def clear_throttle_state():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reported_and_computed(round, questions):
    """The source reports 84% yes; the two answers held here give 50%."""
    for choice in ["yes", "no"]:
        AnswerFactory(
            response=ResponseFactory(round=round), question=questions["yes_no"], choice=choice
        )
    return ReportedFigureFactory(
        question=questions["yes_no"], value=84, statement="84% reported yes.", source_section="2.2"
    )


def _section(html, code):
    start = html.index(f'id="q-{code}"')
    return html[start : html.index("</section>", start)]


def test_results_page_labels_reported_and_computed_figures_separately(
    client, round, reported_and_computed
):
    section = _section(client.get(round.get_absolute_url()).content.decode(), "coordinating-unit")

    computed, reported = section.split('class="q-reported"')
    assert "2 answers held here" in computed
    assert "50%" in computed
    # The paper's figure stands beside the bar, labelled as the paper's (and in the table's
    # "Reported in the paper" column), never as a share computed here.
    assert "Paper: 84%" in computed
    assert "<td>84%</td></tr>" in computed
    assert computed.count("84%") == 2
    assert "Reported in the paper" in reported
    assert "84%" in reported
    assert "84% reported yes." in reported
    assert "source: 2.2" in reported


def test_reported_figure_is_not_counted_as_an_answer(client, round, reported_and_computed):
    page = client.get(round.get_absolute_url())

    result = next(r for r in page.context["results"] if r.question.code == "coordinating-unit")
    assert result.denominator == 2
    assert [f.pk for f in result.reported] == [reported_and_computed.pk]


def test_question_without_answers_still_shows_its_reported_figure(client, round, questions):
    ReportedFigureFactory(
        question=questions["intends"],
        option="yes",
        value=26,
        unit=ReportedFigure.Unit.COUNT,
        denominator=53,
        statement="26 out of 53.",
    )

    section = _section(client.get(round.get_absolute_url()).content.decode(), "national-plan")

    assert "0 answers held here" in section
    assert "No published answer held here yet." in section
    assert re.search(r"<strong>26 of 53</strong>\s*Yes", section)


def test_count_with_denominator_gives_a_percentage():
    figure = ReportedFigure(value=Decimal(26), unit=ReportedFigure.Unit.COUNT, denominator=53)

    assert figure.percent == 49
    assert str(figure.display_value) == "26 of 53"


def test_words_only_statement_has_no_number(round, questions):
    figure = ReportedFigureFactory(question=questions["frequency"], option="", value=None)

    assert figure.display_value == ""
    assert figure.percent is None


def test_api_keeps_reported_and_computed_figures_in_separate_keys(
    client, round, reported_and_computed
):
    aggregates = client.get(f"/api/v1/questionnaire-aggregates/{round.year}/").json()

    item = next(a for a in aggregates if a["question"] == "coordinating-unit")
    assert item["computed"]["basis"] == "published answers held on the platform"
    assert item["computed"]["answer_count"] == 2
    assert {o["value"]: o["percent"] for o in item["computed"]["options"]} == {"yes": 50, "no": 50}
    assert [(f["value"], f["unit"]) for f in item["reported_in_source"]] == [(84.0, "percent")]
