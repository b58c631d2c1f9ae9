"""Questionnaire charts never mislead: every question is shown against all the round's
respondents, the States whose answer is unknown counted as "Not reported", with the paper's
figure beside the bar."""

import re

import pytest
from django_countries import countries

from questionnaires.charts import bar_chart
from questionnaires.models import ReportedFigure, Response
from questionnaires.results import round_results
from tests.factories import StateFactory

from .factories import AnswerFactory, ReportedFigureFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper_round(round, questions):
    """53 States replied (the paper's count); the paper names 24 of them behind a yes, and
    itself reports "26 of 53"."""
    round.reported_respondents = 53
    round.save()
    for country in list(countries)[:24]:
        state = StateFactory(iso2=country.code)
        AnswerFactory(
            response=ResponseFactory(round=round, state=state, origin=Response.Origin.PAPER),
            question=questions["intends"],
            choice="yes",
        )
    ReportedFigureFactory(
        question=questions["intends"],
        option="yes",
        value=26,
        unit=ReportedFigure.Unit.COUNT,
        denominator=53,
        statement="26 out of 53 have a national plan.",
    )
    return round


def _result(round, code):
    return next(r for r in round_results(round) if r.question.code == code)


def test_the_unknown_answers_are_counted_as_not_reported_against_the_respondents(paper_round):
    result = _result(paper_round, "national-plan")

    assert result.respondents == 53
    assert result.not_reported == 29
    assert result.not_reported_percent == 55
    yes = next(option for option in result.options if option.value == "yes")
    assert (yes.count, yes.percent_of_respondents) == (24, 45)


def test_the_chart_shows_yes_named_in_the_paper_and_not_reported_with_the_papers_figure(
    paper_round,
):
    chart = bar_chart(_result(paper_round, "national-plan"), chart_id="c", title="Plan?")

    bars = {bar.label: bar for bar in chart.bars}
    assert bars["Yes, named in the paper"].count == 24
    assert bars["Yes, named in the paper"].paper == "26 of 53"
    assert bars["Not reported"].count == 29
    assert bars["Not reported"].unknown
    assert sum(bar.width for bar in chart.bars) == pytest.approx(100, abs=0.2)
    assert chart.caption == "Of the 53 States that replied to this round"


def test_the_results_page_never_shows_a_share_of_the_known_answers_only(client, paper_round):
    html = client.get(paper_round.get_absolute_url()).content.decode()

    start = html.index('id="q-national-plan"')
    section = html[start : html.index("</section>", start)]
    chart = section[: section.index('class="q-reported"')]
    assert re.search(r"Yes, named in the paper: <strong>24</strong>\s*<span[^>]*>\(45%\)", chart)
    assert re.search(r"Not reported: <strong>29</strong>\s*<span[^>]*>\(55%\)", chart)
    assert "Paper: 26 of 53" in chart
    assert "100%" not in chart


def test_the_results_page_has_a_table_of_contents_of_its_questions(client, paper_round):
    html = client.get(paper_round.get_absolute_url()).content.decode()

    toc = html[html.index('<nav class="q-toc"') : html.index("</nav>", html.index("q-toc"))]
    for code in ["coordinating-unit", "national-plan", "formal-frequency", "emphases"]:
        assert f'href="#q-{code}"' in toc


def test_a_round_of_the_platform_counts_its_published_responses_as_respondents(round, questions):
    AnswerFactory(response=ResponseFactory(round=round), question=questions["yes_no"])
    ResponseFactory(round=round)  # replied, but not to this question

    result = _result(round, "coordinating-unit")

    assert (result.respondents, result.denominator, result.not_reported) == (2, 1, 1)
