"""Expert review: reviewers' profiles, the requests a moderator sends them, and their reviews.

A request belongs to one submission of a practice (``submission_at`` is the practice's
``submitted_at`` when it was asked): a practice sent back and resubmitted is a new submission,
reviewed afresh. The review's fields follow ``criteria.CRITERIA`` (a score 1-4 and a comment
per criterion).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationStatus
from practices.models import Practice

from .criteria import CRITERIA, SCORE_MAX, SCORE_MIN, SCORES
from .managers import ReviewRequestQuerySet


class ReviewerProfile(models.Model):
    """What the platform knows of a reviewer beyond the account: an organisation, optional."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")

    def __str__(self):
        return str(self.user)


class ReviewRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SUBMITTED = "submitted", _("Submitted")
        DECLINED = "declined", _("Declined")

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="review_requests",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # The practice's ``submitted_at`` when the review was asked: which submission it is about.
    submission_at = models.DateTimeField(_("submission reviewed"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        # Held by the Reviewers group: the menu's "My reviews" reads it from the permissions
        # the menu loads anyway (no query of its own on every page).
        permissions = [("review_practice", _("Can review the practices asked of them"))]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "reviewer", "submission_at"],
                name="review_request_once_per_submission",
            )
        ]
        indexes = [models.Index(fields=["reviewer", "-requested_at"], name="review_request_inbox")]

    def __str__(self):
        return f"{self.practice} · {self.reviewer}"

    def get_absolute_url(self):
        return reverse("reviews:review", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        """Whether a review may still be written: asked, not answered, and the submission it
        is about still waiting for the moderators' decision."""
        return (
            self.status == self.Status.REQUESTED
            and self.practice.status == ModerationStatus.SUBMITTED
            and self.practice.submitted_at == self.submission_at
        )


def _score_field(label):
    return models.PositiveSmallIntegerField(
        label,
        choices=SCORES,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )


class Review(models.Model):
    """A reviewer's assessment: written once, never changed."""

    request = models.OneToOneField(
        ReviewRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="review"
    )
    relevance_score = _score_field(CRITERIA[0].label)
    relevance_comment = models.TextField(_("comment on relevance"))
    results_score = _score_field(CRITERIA[1].label)
    results_comment = models.TextField(_("comment on the evidence of results"))
    sustainability_score = _score_field(CRITERIA[2].label)
    sustainability_comment = models.TextField(_("comment on sustainability"))
    replicability_score = _score_field(CRITERIA[3].label)
    replicability_comment = models.TextField(_("comment on replicability"))
    principles_score = _score_field(CRITERIA[4].label)
    principles_comment = models.TextField(_("comment on the guiding principles"))
    overall_comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{c.score_field}__gte": SCORE_MIN})
                & models.Q(**{f"{c.score_field}__lte": SCORE_MAX}),
                name=f"review_{c.key}_score_range",
            )
            for c in CRITERIA
        ]

    def __str__(self):
        return str(self.request)

    def scores(self):
        """``[(criterion, score, comment), ...]`` in the criteria's order."""
        return [(c, getattr(self, c.score_field), getattr(self, c.comment_field)) for c in CRITERIA]
