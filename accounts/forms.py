"""Forms for invitations and requests to join a State (fields listed, nothing else accepted)."""

from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core import ratelimit
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
        # Invited accounts have their email address as username: either works.
        username.label = _("Email or username")

    def confirm_login_allowed(self, user):
        """A reader who signed up and has not confirmed their address yet cannot sign in.

        Accounts made before sign-up existed (invited, created by an administrator) have no
        allauth address row at all and are not concerned.
        """
        super().confirm_login_allowed(user)
        addresses = list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True))
        if addresses and not any(addresses):
            raise forms.ValidationError(
                _(
                    "Confirm your email address first: follow the link we sent you. "
                    "Signing up again with the same address sends a new link."
                ),
                code="unverified",
            )


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most ``PASSWORD_RESET_LIMIT`` emails per address and per
    account per ``RATE_LIMIT_WINDOW`` seconds.

    Past the limit nothing is sent, but the page is the same ("if an account exists, we sent
    a link"): it must not tell whether the address has an account.
    """

    def get_users(self, email):
        limit, window = settings.PASSWORD_RESET_LIMIT, settings.RATE_LIMIT_WINDOW
        if not ratelimit.allow("password-reset-email", email, limit=limit, window=window):
            return
        for user in super().get_users(email):
            if ratelimit.allow("password-reset-user", user.pk, limit=limit, window=window):
                yield user


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
