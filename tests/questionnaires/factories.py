"""factory_boy factories for questionnaire rounds, questions, responses and answers.

Kept beside the questionnaire tests; they build on the shared ``tests.factories``.
"""

import factory
from django.utils import timezone

from questionnaires.models import (
    Answer,
    Question,
    QuestionOption,
    ReportedFigure,
    Response,
    Round,
)
from tests.factories import StateFactory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda round: f"Policy coherence questionnaire {round.year}")
    status = Round.Status.OPEN


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(RoundFactory)
    order = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"question-{n}")
    text = factory.Sequence(lambda n: f"Question number {n}?")
    kind = Question.Kind.YES_NO
    intends_years = factory.LazyAttribute(
        lambda question: 3 if question.kind == Question.Kind.YES_NO_INTENDS else None
    )


class QuestionOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionOption

    question = factory.SubFactory(QuestionFactory, kind=Question.Kind.MULTI_CHOICE)
    value = factory.Sequence(lambda n: f"option-{n}")
    label = factory.Sequence(lambda n: f"Option {n}")
    order = factory.Sequence(lambda n: n)


class ResponseFactory(factory.django.DjangoModelFactory):
    """A response; published by default, ``status=...`` for other stages of review."""

    class Meta:
        model = Response

    round = factory.SubFactory(RoundFactory)
    state = factory.SubFactory(StateFactory)
    status = Response.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    choice = "yes"


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    slug = factory.Sequence(lambda n: f"figure-{n}")
    question = factory.SubFactory(QuestionFactory)
    round = factory.SelfAttribute("question.round")
    option = "yes"
    value = 84
    unit = ReportedFigure.Unit.PERCENT
    statement = "Eighty-four percent of the responding States said yes."
    source_section = "2.1"
