"""Practices, their published versions and attachments (the taxonomies: ``taxonomy``).

Also the log of deleted practices, which the sync feed reports as tombstones.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.urls import reverse_slug
from moderation.models import ModerationStatus
from states.models import Contact, Institution, RegionalBody, State

from .calls import Call
from .evidence import EvidenceFields, Indicator  # noqa: F401 (registered with the app here)

# The currency checks and reading counts live in their own module; imported to register them.
from .living import CurrencyConfirmation, CurrencyRequest, PracticeDayCount  # noqa: F401
from .managers import EVER_PUBLISHED, NEWEST_FIRST, PracticeQuerySet, published

# The taxonomies and translations live in their own modules; imported here, Django registers
# them with the app.
from .taxonomy import GcmObjective, GuidingPrinciple, Pillar, SdgTarget, Theme  # noqa: F401
from .translations import PracticeTranslation  # noqa: F401

PAPER_DOCUMENT = (
    "GFMD 2008 background paper (Sweden), Roundtable 3.2: Policy and Institutional Coherence "
    "on Migration and Development"
)
# The year the paper was published (GFMD Manila 2008): what its practices' citations give.
PAPER_YEAR = 2008


class Practice(EvidenceFields, models.Model):
    """A practice, programme, law, plan, body or budget line a State (or a body) shares.

    ``status`` is only ever changed by the functions in ``practices.workflow``; nothing else
    writes it. A change to a published practice is a separate row (``revision_of``) that goes
    through review while the published version stays live. The evidence fields and
    ``adapted_from`` are ``evidence.EvidenceFields``'.
    """

    Status = ModerationStatus

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PILOT = "pilot", _("Pilot")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    class Origin(models.TextChoices):
        PAPER = "paper", _("GFMD 2008 background paper")
        SUBMISSION = "submission", _("Submitted by a State")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        ES = "es", _("Spanish")

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=250)
    lead_state = models.ForeignKey(
        State,
        verbose_name=_("lead State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_practices",
    )
    lead_body = models.ForeignKey(
        RegionalBody,
        verbose_name=_("lead body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_practices",
        help_text=_("For practices of a regional or international body rather than one State."),
    )
    partner_states = models.ManyToManyField(
        State, verbose_name=_("partner States"), related_name="partner_practices", blank=True
    )
    partner_bodies = models.ManyToManyField(
        RegionalBody, verbose_name=_("partner bodies"), related_name="partner_practices", blank=True
    )
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("institutions"), related_name="practices", blank=True
    )
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("coherence pillar"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="practices")
    gcm_objectives = models.ManyToManyField(
        GcmObjective, verbose_name=_("GCM objectives"), related_name="practices", blank=True
    )
    guiding_principles = models.ManyToManyField(
        GuidingPrinciple,
        verbose_name=_("GCM guiding principles"),
        related_name="practices",
        blank=True,
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("SDG targets"), related_name="practices", blank=True
    )
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown is accepted.")
    )
    objectives = models.TextField(_("objectives"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learned and obstacles"), blank=True)
    replicability = models.TextField(_("what makes it replicable"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    stage = models.CharField(
        _("implementation stage"),
        max_length=10,
        choices=Stage.choices,
        blank=True,
        help_text=_("Leave empty when the stage is not known."),
    )
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contacts"), related_name="practices", blank=True
    )
    source_document = models.CharField(_("source document"), max_length=300, blank=True)
    source_section = models.CharField(_("source section"), max_length=120, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    source_year = models.PositiveSmallIntegerField(
        _("source year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the source was published; citations give it (never a load date)."),
    )
    reported_by = models.ForeignKey(
        State,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_practices",
        help_text=_("The State that reported a practice led by a body (the paper's source)."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    in_response_to = models.ForeignKey(
        Call,
        verbose_name=_("in response to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        help_text=_("An open call for practices this practice answers."),
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.SUBMISSION
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every save; a save based on an older version is refused."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="created_practices",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # The moderator who took the item in the queue ("assign to me": ``workflow.assign``).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="assigned_practices",
    )
    # What the moderator was shown when they last sent it back (``diff.content_snapshot``),
    # so that the resubmission is reviewed as a diff against it.
    last_reviewed = models.JSONField(_("content last reviewed"), default=dict, editable=False)
    # When the published text was approved after at least two expert reviews (the page's and
    # the API's "Peer-reviewed"); None otherwise. Written at approval by the listener the
    # ``reviews`` app adds to ``workflow.APPROVAL_LISTENERS``: practices knows nothing of it.
    peer_reviewed_at = models.DateTimeField(
        _("peer-reviewed"), null=True, blank=True, editable=False
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = list(NEWEST_FIRST)
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        permissions = [("moderate_practice", _("Can review and decide on submitted practices"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="practice_status_published"),
            # Live practices (``published()``), newest first: the public lists' order, and a
            # count of them that reads this small index instead of every wide row.
            models.Index(
                fields=["-published_at", "-id"],
                name="practice_live_newest_id",
                condition=published(),
            ),
            # The sync feed (``practices.api.sync``: practices ever published, oldest change
            # first) pages and counts along this one.
            models.Index(
                fields=["updated_at", "uuid"],
                name="practice_change_feed",
                condition=EVER_PUBLISHED,
            ),
            models.Index(fields=["title"], name="practice_title"),
            models.Index(fields=["start_year"], name="practice_start_year"),
            models.Index(fields=["end_year"], name="practice_end_year"),
            models.Index(fields=["stage"], name="practice_stage"),
            models.Index(fields=["language"], name="practice_language"),
            models.Index(fields=["origin"], name="practice_origin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(lead_state__isnull=False) | Q(lead_body__isnull=False),
                name="practice_has_lead_state_or_body",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="practice_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_slug("practices:practice_detail", self.slug)

    @property
    def card_themes(self):
        """The themes a result card lists: set by ``relations.attach_card_relations``, else
        queried."""
        if hasattr(self, "_card_themes"):
            return self._card_themes
        return self.themes.all()

    @property
    def owner_state_id(self):
        """The State whose users may submit and withdraw this practice (see moderation)."""
        return self.lead_state_id

    @property
    def lead_name(self):
        """Who the practice belongs to, for lists and citations."""
        return str(self.lead_state or self.lead_body)

    @property
    def years_display(self):
        """'2006', '2002–2006', 'since 2006' or '' when the paper gives no year."""
        if self.start_year and self.end_year:
            if self.start_year == self.end_year:
                return str(self.start_year)
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return _("since %(year)s") % {"year": self.start_year}
        if self.end_year:
            return _("until %(year)s") % {"year": self.end_year}
        return ""


class PracticeVersion(models.Model):
    """What a practice said when it was published: v1 at its first approval, one more at each
    approved revision. Written by ``practices.workflow`` in the publishing transaction and
    never changed; ``content`` is ``practices.versions.snapshot``'s dict."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    published_at = models.DateTimeField(_("published"))
    content = models.JSONField(_("published content"))

    class Meta:
        ordering = ["practice", "number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="practice_version_number")
        ]

    def __str__(self):
        return f"{self.practice_id} v{self.number}"

    def get_absolute_url(self):
        return reverse(
            "practices:practice_version",
            kwargs={"slug": self.practice.slug, "number": self.number},
        )


def attachment_storage_name(instance, filename):
    """A random name under ``attachments/``: the uploader's file name never reaches the disk."""
    extension = Attachment.EXTENSIONS.get(instance.content_type, "")
    return f"attachments/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A document attached to a practice (PDF or office file), downloaded only through a view
    that checks the practice is visible to the reader."""

    # Content types are decided by inspecting the bytes, never taken from the browser.
    EXTENSIONS = {
        "application/pdf": ".pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
        "application/vnd.oasis.opendocument.text": ".odt",
    }

    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_storage_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Shown instead of the file name.")
    )
    is_evaluation = models.BooleanField(
        _("evaluation document"), default=False, help_text=_("An evaluation of the practice.")
    )
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.original_name

    def get_absolute_url(self):
        return reverse("workflow:attachment_download", kwargs={"public_id": self.public_id})


class PracticeRemoval(models.Model):
    """A published practice deleted outright, remembered so mirrors learn to delete it too.

    Archiving keeps the practice row (its status is the tombstone); only hard deletions, which
    leave nothing behind, need this log.
    """

    uuid = models.UUIDField(_("identifier"), unique=True)
    slug = models.SlugField(_("slug"), max_length=120)
    removed_at = models.DateTimeField(_("removed"), default=timezone.now, db_index=True)

    class Meta:
        # Kept from when the log lived in the partners app: the rows stay where they are.
        db_table = "partners_practiceremoval"
        ordering = ["removed_at", "uuid"]
        verbose_name = _("removed practice")
        verbose_name_plural = _("removed practices")

    def __str__(self):
        return self.slug
