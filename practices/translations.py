"""Translations of a practice's text into the platform's other languages (issue 18).

A translation carries the six text fields of a practice in one language of
``settings.LANGUAGES`` other than the practice's own. Its lead State's members (or a
moderator) write it; it is moderated like an edit: draft, submitted, then published or
rejected, every change of status going through ``practices.translation_workflow`` (audited).
Readers see published translations only (``PracticeTranslationQuerySet.published``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationStatus
from states.roles import is_moderator, own_state_ids

# The fields a translation carries, in the order of the practice page.
TEXT_FIELDS = ("title", "summary", "description", "objectives", "results", "lessons")


class PracticeTranslationQuerySet(models.QuerySet):
    def published(self):
        """What readers see: published translations of live practices."""
        return self.filter(
            status=ModerationStatus.PUBLISHED,
            practice__status=ModerationStatus.PUBLISHED,
            practice__revision_of__isnull=True,
        )

    def editable_by(self, user):
        """Translations of the practices led by a State ``user`` acts for (all for
        moderators); another State's translations never match (their pages are 404)."""
        if is_moderator(user):
            return self.all()
        return self.filter(practice__lead_state_id__in=own_state_ids(user))

    def waiting(self):
        """Submitted translations, oldest submission first: the moderators' queue."""
        return self.filter(status=ModerationStatus.SUBMITTED).order_by("submitted_at", "pk")


class PracticeTranslation(models.Model):
    class Status(models.TextChoices):
        DRAFT = ModerationStatus.DRAFT.value, ModerationStatus.DRAFT.label
        SUBMITTED = ModerationStatus.SUBMITTED.value, ModerationStatus.SUBMITTED.label
        PUBLISHED = ModerationStatus.PUBLISHED.value, ModerationStatus.PUBLISHED.label
        REJECTED = ModerationStatus.REJECTED.value, ModerationStatus.REJECTED.label

    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("description"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learned and obstacles"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Written by a moderator rather than by the State: the label names the platform's moderators.
    by_moderators = models.BooleanField(_("by the moderators"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PracticeTranslationQuerySet.as_manager()

    class Meta:
        ordering = ["language"]
        verbose_name = _("practice translation")
        verbose_name_plural = _("practice translations")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.practice} ({self.language})"

    @property
    def owner_state_id(self):
        """The State whose members may submit it (``moderation.transitions``)."""
        return self.practice.lead_state_id

    def translator_name(self):
        """Who the label names: the State, or the platform's moderators."""
        if self.by_moderators or self.practice.lead_state_id is None:
            return _("the platform's moderators")
        return self.practice.lead_state.display_name


def target_languages(practice):
    """The languages a practice may be translated into: every language but its own."""
    return [(code, name) for code, name in settings.LANGUAGES if code != practice.language]
