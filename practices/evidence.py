"""The evidence a practice gives for its results, and the practice of another State it adapted.

``EvidenceFields`` holds what sits on the practice row (the evaluation type, the
beneficiaries reached, ``adapted_from``); ``Indicator`` is one measured result. The
evaluation document is an ``Attachment`` of the practice marked ``is_evaluation``. None of it
is a score: the site lists what a State reports and how it was evaluated, and never ranks.
The paper's practices give none of it ("not given": a blank evaluation type).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationStatus


class EvaluationType(models.TextChoices):
    # Blank is "not given": what the paper's practices (and anyone who does not say) have.
    NOT_GIVEN = "", _("Not given")
    NONE = "none", _("Not evaluated")
    INTERNAL = "internal", _("Internal monitoring")
    INDEPENDENT = "independent", _("Independent evaluation")
    EXPERIMENTAL = "experimental", _("Experimental or quasi-experimental evaluation")


class EvidenceFields(models.Model):
    """The practice's evidence and adaptation fields (``Practice`` inherits them)."""

    evaluation_type = models.CharField(
        _("evaluation"),
        max_length=12,
        choices=EvaluationType.choices,
        blank=True,
        help_text=_("How the results were assessed. Leave “Not given” if you do not know."),
    )
    beneficiaries_reached = models.PositiveIntegerField(
        _("beneficiaries reached"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people it reached, if counted; leave empty otherwise."),
    )
    beneficiaries_description = models.CharField(
        _("who the beneficiaries are"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “returning migrants and their families”."),
    )
    adapted_from = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("adapted from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
        help_text=_("A published practice of another State that this one adapted."),
    )

    class Meta:
        abstract = True


def adaptation_error(practice, original, *, published_only=True):
    """Why ``practice`` may not name ``original`` as the practice it adapted, or None.

    The original must be a live published practice, not the practice itself (nor the live
    practice a revision revises), led by another State, and not adapted (directly or through
    others) from this practice: the links never form a cycle. ``published_only=False``
    accepts an original no longer published (a link kept from when it was).
    """
    if original is None:
        return None
    own = {pk for pk in (practice.pk, practice.revision_of_id) if pk}
    if original.pk in own:
        return _("A practice cannot be adapted from itself.")
    live = original.status == ModerationStatus.PUBLISHED and original.revision_of_id is None
    if published_only and not live:
        return _("Choose a published practice.")
    if original.lead_state_id is not None and original.lead_state_id == practice.lead_state_id:
        return _("Choose a practice of another State: this one has the same lead State.")
    seen, step = set(), original
    while step is not None and step.adapted_from_id and step.pk not in seen:
        seen.add(step.pk)
        if step.adapted_from_id in own:
            return _("That practice is itself adapted from this one: the links would loop.")
        step = type(original).objects.filter(pk=step.adapted_from_id).first()
    return None


def check_adaptation(practice):
    """``adaptation_error`` of ``practice.adapted_from`` as a ``ValidationError``."""
    error = adaptation_error(practice, practice.adapted_from)
    if error:
        raise ValidationError({"adapted_from": error})


class Indicator(models.Model):
    """One measured result of a practice, as its State reports it.

    Baseline, target and achieved are short texts, not numbers: sources give "about 2,500",
    "40 %", "3 of 5 regions" or a range, and a number field would make the State round or
    invent; nothing on the site computes with them (no score, no ranking).
    """

    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.CharField(_("baseline"), max_length=60, blank=True)
    target = models.CharField(_("target"), max_length=60, blank=True)
    achieved = models.CharField(_("achieved"), max_length=60, blank=True)
    measured_on = models.DateField(_("date"), null=True, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    source_attachment = models.ForeignKey(
        "practices.Attachment",
        verbose_name=_("source document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # What a revision copies and what a published version keeps, in table order.
    COPIED = (
        "position",
        "name",
        "unit",
        "baseline",
        "target",
        "achieved",
        "measured_on",
        "source_url",
    )

    class Meta:
        ordering = ["practice", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def as_text(self):
        """One line for diffs: the name and each value given."""
        values = [self.unit, self.baseline, self.target, self.achieved]
        parts = [self.name, *(str(v) for v in values if v)]
        if self.measured_on:
            parts.append(self.measured_on.isoformat())
        if self.source_url:
            parts.append(self.source_url)
        return " · ".join(parts)
