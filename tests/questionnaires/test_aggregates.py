"""Results count published answers only, per option, with non-respondents left out."""

from questionnaires.models import Question, Response
from questionnaires.results import round_results
from tests.factories import RegionFactory, StateFactory, SubregionFactory

from .factories import AnswerFactory, QuestionFactory, ResponseFactory, RoundFactory


def _shares(result):
    return {option.value: (option.count, option.denominator) for option in result.options}


def _result(round, code, **kwargs):
    return next(r for r in round_results(round, **kwargs) if r.question.code == code)


def test_share_counts_only_states_that_answered_the_question(round, questions):
    yes, no, silent = (ResponseFactory(round=round) for _ in range(3))
    AnswerFactory(response=yes, question=questions["yes_no"], choice="yes")
    AnswerFactory(response=no, question=questions["yes_no"], choice="no")
    # Responded to the round, but not to this question: not in its denominator.
    AnswerFactory(response=silent, question=questions["intends"], choice="yes")
    StateFactory()  # never responded at all

    result = _result(round, "coordinating-unit")

    assert result.denominator == 2
    assert _shares(result) == {"yes": (1, 2), "no": (1, 2)}
    assert [option.percent for option in result.options] == [50, 50]


def test_intends_to_is_counted_as_its_own_option(round, questions):
    for choice in ["yes", "intends", "intends", "no"]:
        AnswerFactory(
            response=ResponseFactory(round=round), question=questions["intends"], choice=choice
        )

    result = _result(round, "national-plan")

    assert _shares(result) == {"yes": (1, 4), "intends": (2, 4), "no": (1, 4)}
    assert [o.value for o in result.options] == ["yes", "intends", "no"]
    assert "within 3 years" in result.options[1].label


def test_source_only_joint_option_appears_only_when_used(round, questions):
    AnswerFactory(
        response=ResponseFactory(round=round), question=questions["intends"], choice="yes"
    )
    assert "yes_or_intends" not in _shares(_result(round, "national-plan"))

    AnswerFactory(
        response=ResponseFactory(round=round),
        question=questions["intends"],
        choice="yes_or_intends",
    )
    assert _shares(_result(round, "national-plan"))["yes_or_intends"] == (1, 2)


def test_unpublished_responses_are_not_counted(round, questions):
    AnswerFactory(response=ResponseFactory(round=round), question=questions["yes_no"], choice="yes")
    for status in [
        Response.Status.DRAFT,
        Response.Status.SUBMITTED,
        Response.Status.CHANGES_REQUESTED,
        Response.Status.REJECTED,
        Response.Status.ARCHIVED,
    ]:
        response = ResponseFactory(round=round, status=status, published_at=None)
        AnswerFactory(response=response, question=questions["yes_no"], choice="no")

    assert _shares(_result(round, "coordinating-unit")) == {"yes": (1, 1), "no": (0, 1)}


def test_multiple_choice_counts_each_option_against_the_states_answering(round, questions):
    AnswerFactory(
        response=ResponseFactory(round=round),
        question=questions["multi"],
        choice="",
        choices=["diaspora", "labour"],
    )
    AnswerFactory(
        response=ResponseFactory(round=round),
        question=questions["multi"],
        choice="",
        choices=["labour"],
    )

    assert _shares(_result(round, "emphases")) == {"diaspora": (1, 2), "labour": (2, 2)}


def test_frequency_questions_list_every_frequency(round, questions):
    AnswerFactory(
        response=ResponseFactory(round=round), question=questions["frequency"], choice="monthly"
    )

    shares = _shares(_result(round, "formal-frequency"))

    assert list(shares) == ["daily", "weekly", "monthly", "every_1_3_months", "less_often"]
    assert shares["monthly"] == (1, 1)


def test_free_text_answers_are_listed_not_counted(round, questions):
    AnswerFactory(
        response=ResponseFactory(round=round),
        question=questions["text"],
        choice="",
        text="Lack of capacity.",
    )

    result = _result(round, "obstacles")

    assert result.options == []
    assert [answer.text for answer in result.texts] == ["Lack of capacity."]


def test_region_filter_counts_only_states_of_that_region(round, questions):
    africa = RegionFactory(name="Africa", slug="africa")
    europe = RegionFactory(name="Europe", slug="europe")
    ghana = StateFactory(iso2="GH", subregion=SubregionFactory(parent=africa))
    sweden = StateFactory(iso2="SE", subregion=SubregionFactory(parent=europe))
    AnswerFactory(response=ResponseFactory(round=round, state=ghana), question=questions["yes_no"])
    AnswerFactory(
        response=ResponseFactory(round=round, state=sweden),
        question=questions["yes_no"],
        choice="no",
    )

    assert _shares(_result(round, "coordinating-unit", region=africa)) == {
        "yes": (1, 1),
        "no": (0, 1),
    }


def test_earlier_rounds_with_the_same_code_are_attached_for_comparison(round, questions):
    earlier = RoundFactory(year=2030)
    old_question = QuestionFactory(round=earlier, code="national-plan", kind=Question.Kind.YES_NO)
    AnswerFactory(response=ResponseFactory(round=earlier), question=old_question, choice="no")
    QuestionFactory(round=RoundFactory(year=2032), code="national-plan")  # later: not "earlier"

    result = _result(round, "national-plan")

    assert [r.round.year for r in result.earlier] == [2030]
    assert _shares(result.earlier[0]) == {"yes": (0, 1), "no": (1, 1)}


def test_results_take_a_fixed_number_of_queries(round, questions, django_assert_num_queries):
    for _ in range(10):
        response = ResponseFactory(round=round)
        for question in questions.values():
            AnswerFactory(response=response, question=question, choice="", choices=[], text="x")

    # The questions, their options, the answers, the reported figures, the questions again,
    # the published responses per round (the respondents).
    with django_assert_num_queries(6):
        round_results(round)
