from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subscription


class SubscribeForm(forms.Form):
    """How often, and (without an account) where: the search itself comes from the URL."""

    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.DAILY,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        help_text=_("We send a confirmation link first; nothing is sent until you confirm."),
    )

    def __init__(self, *args, needs_email, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_email:
            self.fields["email"].required = True
        else:
            del self.fields["email"]


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Subscription.Frequency.choices)
