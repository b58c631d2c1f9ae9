"""``{{ round|round_text:"title" }}``, ``{{ question|question_text }}``: questionnaire text in the
reader's language (a ``Text``: ``.lang``, ``.is_translation``, ``.original``)."""

from django import template

from questionnaires import translations

register = template.Library()


@register.filter
def round_text(round_, field):
    return translations.round_text(round_, field)


@register.filter
def question_text(question, field="text"):
    return translations.question_text(question, field)
