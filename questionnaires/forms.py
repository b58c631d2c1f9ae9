"""The answer form, built from a round's questions.

The answer form has one field per question and nothing else a client could use to set the
status, the State or the round: those come from the URL and the workflow.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import guard_text_field

from .models import Question

FIELD_PREFIX = "q_"


class ResponseForm(forms.Form):
    """Every question of a round, all optional so that a State can save part of its answers."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, answers=None, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers = answers or {}
        self.fields["version"].initial = version
        for question in self.questions:
            # Built here, after the form's own fields: guarded one by one.
            field = guard_text_field(self._field_for(question))
            answer = answers.get(question.pk)
            if answer is not None:
                field.initial = _initial(question, answer)
            self.fields[FIELD_PREFIX + question.code] = field

    def _field_for(self, question):
        common = {"label": question.text, "help_text": question.help_text, "required": False}
        kind = question.kind
        if kind == Question.Kind.FREE_TEXT:
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, **common
            )
        if kind == Question.Kind.MULTI_CHOICE:
            return forms.MultipleChoiceField(
                choices=question.answer_choices(), widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.ChoiceField(
            choices=[("", _("Not answered"))] + list(question.answer_choices()),
            widget=forms.RadioSelect,
            **common,
        )

    def answer_values(self):
        """``{question: value}`` for the workflow; empty values clear stored answers."""
        return {q: self.cleaned_data.get(FIELD_PREFIX + q.code) for q in self.questions}


def _initial(question, answer):
    if question.kind == Question.Kind.MULTI_CHOICE:
        return answer.choices
    if question.kind == Question.Kind.FREE_TEXT:
        return answer.text
    return answer.choice
