"""The form moderators create and edit calls for practices with (their page and the admin)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import call_workflow
from .calls import Call

# What a datetime-local input shows; what it sends is ISO 8601, which the field reads. Times
# are UTC (settings.TIME_ZONE), as the labels say.
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=LOCAL_FORMAT)


class CallChecks:
    """Closing after opening, and a status the workflow accepts, as messages on the fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_status = self.instance.status

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return data

    def seen(self):
        """The status the moderator was shown (the page's, else the call's as read now)."""
        return self.cleaned_data.get("seen_status") or self.current_status

    def _post_clean(self):
        super()._post_clean()
        status = self.cleaned_data.get("status")
        if status and not self.has_error("opens_at") and not self.has_error("closes_at"):
            reason = call_workflow.refusal(self.instance, status, current=self.seen())
            if reason:
                self.add_error("status", reason)


class CallForm(CallChecks, forms.ModelForm):
    """Title, description, themes, GCM objectives, opening and closing times and status; the
    status shown when the page was opened travels with it, so that a status left as it was
    does not undo another moderator's change made meanwhile."""

    seen_status = forms.ChoiceField(
        choices=Call.Status.choices, widget=forms.HiddenInput, required=False
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "description",
            "themes",
            "gcm_objectives",
            "opens_at",
            "closes_at",
            "status",
        ]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "opens_at": _("Opens at (UTC)"),
            "closes_at": _("Closes at (UTC)"),
            "themes": _("Themes"),
            "gcm_objectives": _("GCM objectives"),
            "status": _("Status"),
        }
        help_texts = {
            "opens_at": _("An open call is announced when this time comes."),
            "closes_at": _("Answers are accepted until this time; then the call closes."),
            "status": _(
                "A draft is seen by moderators only. An open call is public and announced at "
                "its opening time; a closed call accepts no new answers."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "themes": forms.CheckboxSelectMultiple,
            "gcm_objectives": forms.CheckboxSelectMultiple,
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_status"].initial = self.instance.status


class CallAdminForm(CallChecks, forms.ModelForm):
    """The admin's form (every editable field, slug too) with the same checks."""

    class Meta:
        model = Call
        fields = ["slug", *CallForm.Meta.fields]
