"""Forms for invitations and requests to join a State (fields listed, nothing else accepted)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.text import PlainTextFormMixin
from states.models import State

from .models import Invitation, JoinRequest


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the username's length checked like any field's.

    ``AuthenticationForm`` sets the username's ``max_length`` after the field is built, so it
    only reaches the widget: a longer username went on to ``authenticate()``, and django-axes
    failed to record it (its column holds 255 characters) with a server error.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class InvitationForm(PlainTextFormMixin, forms.Form):
    # The column's length: a longer address would fail in the database instead of the form.
    email = forms.EmailField(
        label=_("Email address"), max_length=Invitation._meta.get_field("email").max_length
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all())


class JoinRequestForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["state", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["state"].queryset = State.objects.exclude(
            pk__in=State.objects.with_member(user)
        )

    def clean_state(self):
        state = self.cleaned_data["state"]
        if JoinRequest.objects.filter(
            user=self.user, state=state, status=JoinRequest.Status.PENDING
        ).exists():
            raise forms.ValidationError(_("You already asked to join this State."))
        return state
