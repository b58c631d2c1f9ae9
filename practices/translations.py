"""Translations of a practice's text into the platform's other languages (issue 18).

A translation carries the six text fields of a practice in one language of
``settings.LANGUAGES`` other than the practice's own. Its lead State's members (or a
moderator) write it; it is moderated like an edit: draft, submitted, then published or
rejected, every change of status going through ``practices.translation_workflow`` (audited).
Readers see published translations only (``PracticeTranslationQuerySet.published``).

A published translation is revised through a second row (``revision_of`` names the published
one), moderated in its own right while readers keep the published text; its approval copies
the text onto the published row. ``outdated_since`` marks a published translation whose
original's text changed after it was published (``mark_outdated``), until a revision of it (or
its own republication) is approved.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationStatus
from states.roles import is_moderator, own_state_ids

# The fields a translation carries, in the order of the practice page.
TEXT_FIELDS = ("title", "summary", "description", "objectives", "results", "lessons")

# A revision is open (it may still change, or wait for a decision) until it is approved.
OPEN_REVISION_STATUSES = [
    ModerationStatus.DRAFT.value,
    ModerationStatus.SUBMITTED.value,
    ModerationStatus.REJECTED.value,
]


class PracticeTranslationQuerySet(models.QuerySet):
    def published(self):
        """What readers see: published translations of live practices (approved revisions
        are copied onto the translation they revise and never shown themselves)."""
        return self.filter(
            status=ModerationStatus.PUBLISHED,
            revision_of__isnull=True,
            practice__status=ModerationStatus.PUBLISHED,
            practice__revision_of__isnull=True,
        )

    def editable_by(self, user):
        """Translations of the practices led by a State ``user`` acts for (all for
        moderators); another State's translations never match (their pages are 404)."""
        if is_moderator(user):
            return self.all()
        return self.filter(practice__lead_state_id__in=own_state_ids(user))

    def current(self):
        """One row per language: the translations themselves, not their revisions, each
        with ``open_revision_status`` (the status of its open revision, or None)."""
        open_revisions = self.model.objects.filter(
            revision_of=models.OuterRef("pk"), status__in=OPEN_REVISION_STATUSES
        )
        return self.filter(revision_of__isnull=True).annotate(
            open_revision_status=models.Subquery(open_revisions.values("status")[:1])
        )

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

    # Set on a revision: the published translation it will replace once approved.
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    # When the original's text changed after this translation was published (None: it
    # follows the original as far as we know).
    outdated_since = models.DateTimeField(_("original changed"), null=True, blank=True)

    objects = PracticeTranslationQuerySet.as_manager()

    class Meta:
        ordering = ["language"]
        verbose_name = _("practice translation")
        verbose_name_plural = _("practice translations")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"],
                condition=models.Q(revision_of__isnull=True),
                name="one_translation_per_language",
            ),
            # Two editors revising at once meet in one revision, as for practices.
            models.UniqueConstraint(
                fields=["revision_of"],
                condition=models.Q(status__in=OPEN_REVISION_STATUSES),
                name="one_open_revision_per_translation",
            ),
        ]

    def __str__(self):
        return f"{self.practice} ({self.language})"

    @property
    def owner_state_id(self):
        """The State whose members may submit it (``moderation.transitions``)."""
        return self.practice.lead_state_id

    def open_revision_label(self):
        """The label of the status of its open revision (``current()`` annotates it)."""
        return self.Status(self.open_revision_status).label

    def translator_name(self):
        """Who the label names: the State, or the platform's moderators."""
        if self.by_moderators or self.practice.lead_state_id is None:
            return _("the platform's moderators")
        return self.practice.lead_state.display_name


def mark_outdated(practice, *, at):
    """The text of ``practice`` changed at ``at`` (a new published version): its translations
    published before then are marked as possibly out of date, from the first such change on.
    Called inside the publishing transaction (``practices.workflow.record_published_version``)."""
    PracticeTranslation.objects.filter(
        practice=practice,
        revision_of__isnull=True,
        status=PracticeTranslation.Status.PUBLISHED,
        published_at__lt=at,
        outdated_since__isnull=True,
    ).update(outdated_since=at)


def target_languages(practice):
    """The languages a practice may be translated into: every language but its own."""
    return [(code, name) for code, name in settings.LANGUAGES if code != practice.language]
