"""Forms States use to write practices, contacts and attachments, and moderators to decide.

Each lists its fields explicitly; status, owning State of a contact, approver, version and
audit fields are set on the server (``practices.workflow``), never taken from a form.
"""

from datetime import timedelta

import filetype
from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.filescan import ScannerUnavailable, active_content, scanner_configured, virus_found
from core.text import PlainTextFormMixin
from states.models import Contact, Institution, State
from states.roles import is_moderator, own_state_ids

from .evidence_forms import clean_adapted_from, configure_adapted_from
from .fields import CONTENT_FIELDS, M2M_FIELDS
from .models import Attachment, Call, Practice, Theme
from .steps import GUIDANCE, STEPS

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# The whole form on one page: a fieldset per step of the guided form that has fields.
SECTIONS = [(step.title, step.intro, list(step.fields)) for step in STEPS if step.fields]
# Long lists of choices: filterable checkboxes (``static/js/forms.js``), a scrollable list
# without JavaScript, instead of a multiple select that needs Ctrl-click.
FILTERABLE = ("partner_states", "partner_bodies", "institutions", "contacts", "sdg_targets")


class CharacterLimit(MaxLengthValidator):
    """The length limit, said with the count typed: nothing is cut, in the browser or here."""

    message = _("At most %(limit)s characters; you typed %(typed)s.")

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise forms.ValidationError(
                self.message,
                code="max_length",
                params={
                    "limit": number_format(self.limit_value, force_grouping=True),
                    "typed": number_format(len(value), force_grouping=True),
                },
            )


def announce_limits(form):
    """Replace each text field's length check by ``CharacterLimit``, and its ``maxlength``
    attribute (which makes browsers silently cut a paste) by ``data-limit`` for the counter."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit:
            continue
        field.validators = [
            CharacterLimit(limit) if isinstance(v, MaxLengthValidator) else v
            for v in field.validators
        ]
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-limit"] = limit


def _https_by_default(field, **kwargs):
    """Links typed without a scheme become https:// (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class _AllFields(dict):
    """The form's fields, where a field another step holds is a throwaway copy: the
    querysets below are set once, whichever fields the step keeps."""

    def __missing__(self, name):
        return PracticeForm.base_fields[name].__deepcopy__({})


class PracticeForm(PlainTextFormMixin, forms.ModelForm):
    """Create or edit a practice. ``version`` travels hidden and is checked when saving.

    With ``step`` (a ``steps.Step``) the form holds that step's fields only, and saving it
    leaves every other field as it was.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Practice
        fields = [*CONTENT_FIELDS, *M2M_FIELDS]
        formfield_callback = _https_by_default
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "replicability": forms.Textarea(attrs={"rows": 4}),
            **dict.fromkeys(
                ("themes", "gcm_objectives", "guiding_principles", *FILTERABLE),
                forms.CheckboxSelectMultiple,
            ),
        }
        error_messages = {
            "in_response_to": {
                "invalid_choice": _(
                    "This call for practices is closed (or not open yet): it accepts no new "
                    "answers. Choose an open call, or none."
                )
            }
        }
        help_texts = {
            "title": _("A short, specific name, e.g. “Remittance matching fund 3×1”."),
            "summary": _("Shown in lists and search results."),
            "description": _(
                "Markdown is accepted: **bold**, *italic*, lists, [links](https://…). "
                "Scripts and other active content are removed."
            ),
            "lead_body": _("Only if a regional or international body leads it with your State."),
            "partner_states": _("Other States taking part; type in the box to filter the list."),
            "institutions": _("Ministries and agencies involved; type in the box to filter."),
            "themes": _("At least one."),
            "gcm_objectives": _("Objectives of the 2018 Global Compact for Migration it serves."),
            "start_year": _("A year between 1900 and 2100."),
            "end_year": _("Leave empty if it is still running."),
            "source_document": _("The report, law or website the information comes from."),
            "source_year": _("The year that source was published: citations give it."),
            "contacts": _("Your State's contacts for this practice (manage them on My State)."),
            "language": _("The language this text is written in."),
            "in_response_to": _("If it answers an open call for practices, choose the call."),
        }

    def __init__(self, *args, user, step=None, adapted_search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if step is not None:
            for name in [*CONTENT_FIELDS, *M2M_FIELDS]:
                if name not in step.fields:
                    del self.fields[name]
        announce_limits(self)
        self._add_guidance()
        fields = _AllFields(self.fields)
        fields["institutions"].queryset = Institution.objects.select_related("state")
        # Open calls are offered; a draft linked before its call closed keeps the link.
        current_call = Q(pk=self.instance.in_response_to_id) if self.instance.pk else Q(pk__in=[])
        fields["in_response_to"].queryset = Call.objects.filter(
            Q(pk__in=Call.objects.accepting()) | current_call
        )
        fields["institutions"].label_from_instance = lambda i: f"{i.name} ({i.state})"
        if is_moderator(user):
            fields["contacts"].queryset = Contact.objects.select_related("state")
        else:
            own_states = own_state_ids(user)
            fields["lead_state"].queryset = State.objects.filter(pk__in=own_states)
            fields["lead_state"].required = True
            fields["lead_state"].empty_label = None if len(own_states) == 1 else "---------"
            # The State's own contacts, and those a moderator linked that this user may see
            # (public ones). Links to contacts they may not see are neither shown nor lost:
            # ``clean_contacts`` keeps them.
            visible = Contact.objects.visible_to(user)
            current = self.instance.contacts.all() if self.instance.pk else Contact.objects.none()
            fields["contacts"].queryset = Contact.objects.filter(
                Q(state_id__in=own_states) | Q(pk__in=current.filter(pk__in=visible))
            ).select_related("state")
            self.hidden_contacts = list(current.exclude(pk__in=visible))
        fields["contacts"].label_from_instance = lambda c: f"{c.name} ({c.state})"
        if "adapted_from" in self.fields:
            configure_adapted_from(self, adapted_search)

    hidden_contacts = ()
    filterable = FILTERABLE

    def _add_guidance(self):
        """Each field's help: what to write, the form's own note, an example, the limit.

        All of it in ``help_text``, which the field's ``aria-describedby`` already names.
        """
        for name, field in self.fields.items():
            what, example = GUIDANCE.get(name, ("", ""))
            parts = [what, field.help_text]
            if example:
                parts.append(_("Example: %(example)s") % {"example": example})
            limit = getattr(field, "max_length", None)
            if limit:
                parts.append(
                    _("At most %(limit)s characters.")
                    % {"limit": number_format(limit, force_grouping=True)}
                )
            field.help_text = " ".join(str(part) for part in parts if part)

    def clean_contacts(self):
        """The chosen contacts, plus the links to contacts this user may not see."""
        return [*self.cleaned_data["contacts"], *self.hidden_contacts]

    def sections(self):
        """(legend, help, bound fields) per fieldset, for the template."""
        return [
            (legend, help_text, [self[name] for name in names])
            for legend, help_text, names in SECTIONS
        ]

    def _value(self, name):
        """``name`` as posted, or as saved when another step of the form holds it."""
        if name in self.fields:
            return self.cleaned_data.get(name)
        if name in M2M_FIELDS:
            return list(getattr(self.instance, name).all()) if self.instance.pk else []
        return getattr(self.instance, name)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        lead = self._value("lead_state")
        if lead and lead in (self._value("partner_states") or []):
            where = "partner_states" if "partner_states" in self.fields else "lead_state"
            self.add_error(where, _("The lead State cannot also be a partner."))
        if "lead_state" in self.fields and not lead and not data.get("lead_body"):
            self.add_error("lead_state", _("Choose the lead State (or, for moderators, a body)."))
        clean_adapted_from(self, data)
        if self.instance.pk and data.get("version") is None:
            raise forms.ValidationError(_("The form is incomplete; reload the page."))
        return data


class ContactForm(PlainTextFormMixin, forms.ModelForm):
    """A State's contact. The State comes from the page, never from the form."""

    class Meta:
        model = Contact
        fields = ["name", "role", "institution", "email", "phone", "is_public", "is_focal_point"]

    def __init__(self, *args, state, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.filter(state=state)


def detect_content_type(uploaded):
    """The type of ``uploaded`` judged from its first bytes, or None when it is not allowed."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in Attachment.EXTENSIONS:
        return None
    if kind.mime == "application/pdf" and not head.startswith(b"%PDF-"):
        return None
    return kind.mime


class AttachmentForm(PlainTextFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument text, up to 10 MB."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    is_evaluation = forms.BooleanField(
        label=_("This is an evaluation of the practice"),
        required=False,
        help_text=_("The practice page links to it under “Evidence”."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        content_type = detect_content_type(uploaded)
        if content_type is None:
            raise forms.ValidationError(
                _("This file is not a PDF or office document (its content was checked).")
            )
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        found = active_content(data, content_type)
        if found is not None:
            raise forms.ValidationError(
                _(
                    "This file holds active content (%(what)s), which attachments may not: "
                    "save it without macros or scripts (for a PDF, print it to PDF) and "
                    "upload it again."
                ),
                code="active_content",
                params={"what": found},
            )
        if scanner_configured():
            try:
                virus = virus_found(uploaded)
            except ScannerUnavailable:
                raise forms.ValidationError(
                    _("The virus scanner is unavailable, so the file was not accepted: try later."),
                    code="scanner_unavailable",
                ) from None
            if virus is not None:
                raise forms.ValidationError(
                    _("The virus scanner found %(virus)s in this file: it was not accepted."),
                    code="infected",
                    params={"virus": virus},
                )
        self.cleaned_data["content_type"] = content_type
        return uploaded


class DecisionForm(PlainTextFormMixin, forms.Form):
    """A moderator's comment; the button pressed names the decision.

    ``seen_status`` is the status the moderator was looking at: if someone else decided in
    the meantime, the decision is refused with "already decided by ..." (see transitions).
    ``reviewed`` carries, signed, the content the moderator was shown and its fingerprint:
    a decision on content changed since is refused, with the changes (see the review view).
    """

    seen_status = forms.ChoiceField(
        choices=Practice.Status.choices, required=False, widget=forms.HiddenInput
    )
    reviewed = forms.CharField(required=False, widget=forms.HiddenInput)

    comment = forms.CharField(
        label=_("Comment to the State"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to request changes, reject or archive; sent to the submitter."),
    )


class QueueFilterForm(forms.Form):
    """Filters of the moderation queue (all optional)."""

    KIND_CHOICES = [("", _("All")), ("new", _("New practices")), ("revision", _("Revisions"))]
    STATUS_CHOICES = [
        (Practice.Status.SUBMITTED, Practice.Status.SUBMITTED.label),
        (Practice.Status.CHANGES_REQUESTED, Practice.Status.CHANGES_REQUESTED.label),
        # Published practices are listed too, so that a moderator can find one to archive.
        (Practice.Status.PUBLISHED, Practice.Status.PUBLISHED.label),
    ]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    state = forms.ModelChoiceField(
        label=_("State"), queryset=State.objects.all(), required=False, empty_label=_("All")
    )
    AGE_CHOICES = [
        ("", _("Any")),
        ("7", _("More than a week")),
        ("30", _("More than a month")),
        ("90", _("More than three months")),
    ]
    ASSIGNED_CHOICES = [("", _("Anyone or no one")), ("me", _("Me")), ("none", _("No one"))]

    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All")
    )
    age = forms.ChoiceField(label=_("Waiting"), choices=AGE_CHOICES, required=False)
    assigned = forms.ChoiceField(label=_("Assigned to"), choices=ASSIGNED_CHOICES, required=False)
    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)

    def apply(self, items, *, user, now):
        """``items`` narrowed to the valid filters (submitted ones when none is valid)."""
        data = self.cleaned_data if self.is_valid() else {}
        items = items.filter(status=data.get("status") or Practice.Status.SUBMITTED)
        if data.get("state"):
            items = items.filter(lead_state=data["state"])
        if data.get("theme"):
            items = items.filter(themes=data["theme"])
        if data.get("kind"):
            items = items.filter(revision_of__isnull=data["kind"] == "new")
        if data.get("age"):
            items = items.filter(submitted_at__lte=now - timedelta(days=int(data["age"])))
        if data.get("assigned") == "me":
            items = items.filter(assigned_to=user)
        elif data.get("assigned") == "none":
            items = items.filter(assigned_to__isnull=True)
        if data.get("q"):
            items = items.filter(title__icontains=data["q"])
        return items
