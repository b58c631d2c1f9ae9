"""Questionnaire reads composed for other apps' pages (the HackSoft Styleguide's selectors)."""

from itertools import groupby

from .models import Answer


def state_answers_by_round(state):
    """``[(round, [answers])]``: a State's published answers (``Answer.objects.published()``)
    with their questions and options, newest round first, in question order."""
    answers = (
        Answer.objects.published()
        .filter(response__state=state)
        .select_related("question", "response__round")
        .prefetch_related("question__options")
        .order_by("-response__round__year", "question__order", "question__pk")
    )
    return [
        (round, list(items)) for round, items in groupby(answers, key=lambda a: a.response.round)
    ]
