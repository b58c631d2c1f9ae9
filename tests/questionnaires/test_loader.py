"""The paper's questionnaire data: loaded once however often it is loaded, and as the paper says.

These tests check the data itself, so they load the real fixtures (States first).
"""

import pytest

from gfmd_platform.default_data import PaperData, load_states
from questionnaires.loader import load_questionnaires
from questionnaires.models import (
    Answer,
    Question,
    QuestionnaireParticipation,
    ReportedFigure,
    Response,
    Round,
)

MODELS = [Round, Question, Response, Answer, ReportedFigure]

FOOTNOTE_3 = {
    "AR", "AZ", "BR", "BF", "CO", "CZ", "GT", "EC", "EG", "FR", "IL", "IT",
    "JM", "LV", "NL", "MU", "OM", "PH", "RU", "SK", "ZA", "AE", "GB", "ZM",
}  # fmt: skip
BUDGET_LINE = {
    "AZ", "BE", "CO", "CZ", "EC", "EG", "FR", "GH", "GT", "IL", "NL", "MU", "PT", "LK", "CH",
}  # fmt: skip
INWARD_LABOUR = {"AR", "AU", "AZ", "BR", "IL", "LV", "MU", "OM", "ZA", "SE", "ZM"}


@pytest.fixture
def paper(db):
    load_states()
    PaperData().load_respondents()
    load_questionnaires()


def _states(code, **answer):
    answers = Answer.objects.filter(
        question__code=code, response__round__year=2008, **answer
    ).select_related("response__state")
    return {a.response.state.iso2 for a in answers}


def test_loading_twice_creates_no_duplicates(paper):
    counts = [model.objects.count() for model in MODELS]

    load_questionnaires()

    assert [model.objects.count() for model in MODELS] == counts
    assert all(counts)


def test_reload_keeps_a_moderators_later_decision(paper):
    response = Response.objects.filter(round__year=2008).first()
    Response.objects.filter(pk=response.pk).update(status=Response.Status.ARCHIVED)

    load_questionnaires()

    response.refresh_from_db()
    assert response.status == Response.Status.ARCHIVED


def test_national_plan_answers_are_the_24_states_named_in_footnote_3(paper):
    assert _states("national-plan", choice="yes") == FOOTNOTE_3
    figure = ReportedFigure.objects.get(slug="2008-national-plan-yes")
    assert (figure.value, figure.denominator) == (26, 53)


def test_the_15_budget_line_states_are_held_with_the_joint_answer(paper):
    assert _states("co-managed-budget-line", choice="yes_or_intends") == BUDGET_LINE
    assert ReportedFigure.objects.get(slug="2008-co-managed-budget-line-yes-or-intends").value == 15


def test_states_stressing_inward_labour_migration_are_held(paper):
    answers = Answer.objects.filter(question__code="policy-emphases").select_related(
        "response__state"
    )

    stressing = {a.response.state.iso2 for a in answers if "inward-labour-migration" in a.choices}

    assert stressing == INWARD_LABOUR


def test_every_answer_names_its_source_section(paper):
    assert not Answer.objects.filter(source_section="").exists()
    assert not ReportedFigure.objects.filter(source_section="").exists()


def test_every_state_with_an_answer_is_a_2008_respondent_named_in_the_paper(paper):
    respondents = set(
        QuestionnaireParticipation.objects.filter(year=2008).values_list("state__iso2", flat=True)
    )

    answering = set(Response.objects.values_list("state__iso2", flat=True))

    assert answering <= respondents


def test_reported_figures_of_the_paper_are_all_held(paper):
    values = {
        (f.round.year, f.question.code, f.option): f.number
        for f in ReportedFigure.objects.select_related("round", "question")
    }

    assert values[(2008, "migration-in-development-policy", "yes")] == "84"
    assert values[(2008, "development-in-migration-policy", "yes")] == "77"
    assert values[(2007, "national-plan", "yes")] == "9"
    assert values[(2008, "national-plan", "intends")] == "10"
    assert values[(2008, "coordinating-unit", "yes")] == "79"
    assert values[(2008, "focal-points", "yes")] == "73"
    assert values[(2008, "focal-points-helpful", "yes")] == "67"
    assert values[(2008, "gfmd-focal-point-improved-consultations", "yes")] == "73"
    assert values[(2008, "formal-consultations", "yes")] == "77"
    assert values[(2008, "informal-consultations", "yes")] == "82"
    assert values[(2008, "resources", "yes")] == "32"
    assert values[(2008, "international-organisations-role", "yes")] == "90"
    assert Round.objects.get(year=2007).reported_respondents == 45
    assert Round.objects.get(year=2008).reported_respondents == 53


def test_no_2007_answer_is_invented(paper):
    assert not Response.objects.filter(round__year=2007).exists()


def test_paper_answers_are_valid_options_of_their_questions(paper):
    for answer in Answer.objects.select_related("question").prefetch_related("question__options"):
        answer.full_clean(validate_unique=False, validate_constraints=False)
