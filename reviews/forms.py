"""Expert review's forms (fields listed; the reviewer, the practice and the status are set on
the server)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import InvitationForm
from core.text import guard_text_field
from states.roles import reviewers

from .criteria import CRITERIA, SCORES
from .models import ReviewerProfile

COMMENT_LENGTH = 5000


class InviteReviewerForm(InvitationForm):
    """The submitters' invitation form without the State, with an optional organisation."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=ReviewerProfile._meta.get_field("organisation").max_length,
        required=False,
        help_text=_("For example a partner organisation; shown to moderators only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["state"]


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        profile = getattr(user, "reviewer_profile", None)
        if profile is not None and profile.organisation:
            return f"{name} ({profile.organisation})"
        return name


class AskReviewersForm(forms.Form):
    reviewers = ReviewerChoiceField(
        label=_("Reviewers"),
        queryset=reviewers().none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Reviewers of the State that leads the practice are not offered. Nobody listed? "
            "Invite a reviewer first."
        ),
        error_messages={"required": _("Choose at least one reviewer.")},
    )
    due_date = forms.DateField(
        label=_("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        # Nobody reviews a practice of their own State.
        self.fields["reviewers"].queryset = (
            reviewers()
            .exclude(state_memberships__state_id=practice.lead_state_id)
            .select_related("reviewer_profile")
            .order_by("first_name", "last_name", "username")
            .distinct()
        )


class ReviewForm(forms.Form):
    """A score (radio buttons with their labels) and a comment per criterion, then an overall
    comment; ``criteria()`` pairs the fields for the template."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion.score_field] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=criterion.description,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score for this criterion.")},
            )
            self.fields[criterion.comment_field] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.label},
                max_length=COMMENT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("Say why you gave this score.")},
            )
        self.fields["overall_comment"] = forms.CharField(
            label=_("Overall comment (optional)"),
            max_length=COMMENT_LENGTH,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        for field in self.fields.values():
            guard_text_field(field)

    def criteria(self):
        return [
            (criterion, self[criterion.score_field], self[criterion.comment_field])
            for criterion in CRITERIA
        ]
