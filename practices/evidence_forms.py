"""The evidence part of the practice form: the indicators' rows and the "adapted from" choice.

``IndicatorFormSet`` is the "Results and evidence" step's table of indicators: a few empty
rows are always offered and each saved row has a "Remove" box, so rows are added and removed
without JavaScript. ``configure_adapted_from`` makes the "Adapted from" select a short list
of published practices of other States, narrowed by words typed in the field before it
("Find practices" saves the draft and lists the matches): it works without JavaScript.
"""

from django import forms
from django.db.models import Q
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.text import PlainTextFormMixin

from .evidence import Indicator, adaptation_error
from .models import Attachment, Practice

# Empty rows offered below the saved indicators (save to get more), and the most a practice has.
EXTRA_ROWS = 2
MAX_INDICATORS = 30
# How many published practices the "Adapted from" list offers at once.
ADAPTED_CHOICES = 50
SEARCH_FIELD = "adapted_from_search"


class IndicatorForm(PlainTextFormMixin, forms.ModelForm):
    source_url = forms.URLField(
        label=_("Source link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("A link to where the figure can be read…"),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline",
            "target",
            "achieved",
            "measured_on",
            "source_url",
            "source_attachment",
        ]
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "name": _("What was measured, e.g. “Projects funded”."),
            "baseline": _("Values as the source gives them, e.g. “about 2,500” or “40 %”."),
            "measured_on": _("When the achieved value was measured."),
            "source_attachment": _("…or one of the practice's documents (Documents step)."),
        }

    def __init__(self, *args, attachments=None, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["source_attachment"]
        field.queryset = attachments if attachments is not None else Attachment.objects.none()
        # The rows share one list of the practice's documents, read once for the formset.
        field.widget.choices = [("", _("None")), *choices]

    def clean(self):
        data = super().clean()
        if data.get("source_url") and data.get("source_attachment"):
            self.add_error(
                "source_attachment", _("Give a link or a document as the source, not both.")
            )
        return data


class BaseIndicatorFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        practice = kwargs.get("instance")
        attachments = Attachment.objects.none()
        if practice is not None and practice.pk:
            attachments = Attachment.objects.filter(practice=practice)
        kwargs["form_kwargs"] = {
            "attachments": attachments,
            "choices": [(a.pk, str(a)) for a in attachments],
        }
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        # Rows keep the order they are shown in; saved rows keep their own positions.
        for position, form in enumerate(self.forms):
            if form.instance.pk is None:
                form.instance.position = position
        return super().save(commit)


IndicatorFormSet = inlineformset_factory(
    Practice,
    Indicator,
    form=IndicatorForm,
    formset=BaseIndicatorFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_INDICATORS,
    validate_max=True,
    can_delete=True,
)


def _lead_label(practice):
    lead = practice.lead_state.display_name if practice.lead_state else practice.lead_body
    return f"{practice.title} ({lead})"


def configure_adapted_from(form, words=""):
    """Offer, as ``form``'s "Adapted from" choices, the published practices of other States
    whose title holds ``words`` (the first ``ADAPTED_CHOICES`` by title), and the current
    choice; the field accepts any published practice (the rules: ``adaptation_error``)."""
    field = form.fields["adapted_from"]
    instance = form.instance
    own = [pk for pk in (instance.pk, instance.revision_of_id) if pk]
    others = Practice.objects.published().exclude(pk__in=own)
    current = instance.adapted_from_id
    field.queryset = Practice.objects.filter(Q(pk__in=others) | Q(pk=current or 0))
    listed = others.select_related("lead_state", "lead_body")
    if instance.lead_state_id:
        listed = listed.exclude(lead_state_id=instance.lead_state_id)
    if words:
        listed = listed.filter(title__icontains=words)
    listed = list(listed.order_by("title", "pk")[:ADAPTED_CHOICES])
    if current and current not in {p.pk for p in listed}:
        chosen = Practice.objects.select_related("lead_state", "lead_body").filter(pk=current)
        listed = [*chosen, *listed]
    field.widget.choices = [
        ("", _("None: it is not adapted from another State's practice")),
        *((p.pk, _lead_label(p)) for p in listed),
    ]
    search = forms.CharField(
        label=_("Find the practice it adapted"),
        required=False,
        max_length=100,
        initial=words,
        help_text=_(
            "Words of its title; “Find practices” saves the draft and lists the published "
            "practices of other States whose title holds them."
        ),
    )
    # The search box right before the list it narrows.
    fields = dict(form.fields)
    form.fields.clear()
    for name, value in fields.items():
        if name == "adapted_from":
            form.fields[SEARCH_FIELD] = search
        form.fields[name] = value


def clean_adapted_from(form, data):
    """The adaptation rules (``adaptation_error``) on what the form is about to save."""
    if "adapted_from" not in form.fields and "lead_state" not in form.fields:
        return
    original = form._value("adapted_from")
    if original is None:
        return
    lead = form._value("lead_state")
    probe = Practice(
        pk=form.instance.pk,
        revision_of_id=form.instance.revision_of_id,
        lead_state_id=lead.pk if lead else None,
    )
    # A link made while the original was published stays when it is archived later.
    kept = original.pk == form.instance.adapted_from_id
    error = adaptation_error(probe, original, published_only=not kept)
    if error:
        form.add_error("adapted_from" if "adapted_from" in form.fields else "lead_state", error)
