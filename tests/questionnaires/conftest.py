"""Fixtures for questionnaire tests: an open round with one question of each kind."""

import pytest

from questionnaires.models import Question

from .factories import QuestionFactory, QuestionOptionFactory, RoundFactory


@pytest.fixture
def round(db):
    return RoundFactory(year=2031, title="Policy coherence questionnaire 2031")


@pytest.fixture
def questions(round):
    """One question of every kind, in form order."""
    yes_no = QuestionFactory(round=round, order=1, code="coordinating-unit", text="A unit?")
    intends = QuestionFactory(
        round=round,
        order=2,
        code="national-plan",
        text="A national plan?",
        kind=Question.Kind.YES_NO_INTENDS,
    )
    frequency = QuestionFactory(
        round=round, order=3, code="formal-frequency", text="How often?", kind="frequency"
    )
    multi = QuestionFactory(
        round=round, order=4, code="emphases", text="Which links?", kind="multi_choice"
    )
    QuestionOptionFactory(question=multi, value="diaspora", label="Diaspora ties", order=1)
    QuestionOptionFactory(question=multi, value="labour", label="Labour migration", order=2)
    text = QuestionFactory(
        round=round, order=5, code="obstacles", text="Obstacles?", kind="free_text"
    )
    return {
        "yes_no": yes_no,
        "intends": intends,
        "frequency": frequency,
        "multi": multi,
        "text": text,
    }
