"""``{% state_questionnaire_answers state %}``: a State's published answers, for its profile.

The State page belongs to ``states``, which cannot import this app: the tag is how that page
reaches the answers, and it reads them through ``questionnaires.selectors``.
"""

from django import template

from ..selectors import state_answers_by_round

register = template.Library()


@register.inclusion_tag("questionnaires/_state_answers.html")
def state_questionnaire_answers(state):
    """Published answers only, newest round first (``state_answers_by_round``)."""
    return {"rounds": state_answers_by_round(state)}
