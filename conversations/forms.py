"""The question and reply forms: their fields only; asker, State, status are the server's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import PlainTextFormMixin

from .models import Conversation, Message


class QuestionForm(PlainTextFormMixin, forms.Form):
    subject = forms.CharField(
        label=_("Subject"), max_length=Conversation._meta.get_field("subject").max_length
    )
    body = forms.CharField(
        label=_("Your question"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    share_email = forms.BooleanField(
        label=_("Share my email address with this State"),
        required=False,
        help_text=_("Without it, the State answers here and never sees your address."),
    )
    # A honeypot: hidden from people by the stylesheet (and from screen readers), filled in by
    # form-filling robots. A question with it filled is dropped without a word.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class ReplyForm(PlainTextFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
