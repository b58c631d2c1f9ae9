"""``{% state_questionnaire_answers state %}``: a State's published answers, for its profile."""

from itertools import groupby

from django import template

from ..models import Answer

register = template.Library()


@register.inclusion_tag("questionnaires/_state_answers.html")
def state_questionnaire_answers(state):
    """Published answers only (``Answer.objects.published()``), newest round first."""
    answers = (
        Answer.objects.published()
        .filter(response__state=state)
        .select_related("question", "response__round")
        .prefetch_related("question__options")
        .order_by("-response__round__year", "question__order", "question__pk")
    )
    rounds = [
        (round, list(items)) for round, items in groupby(answers, key=lambda a: a.response.round)
    ]
    return {"rounds": rounds}
