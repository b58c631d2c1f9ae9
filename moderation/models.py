"""The moderation status shared by everything States submit, and its immutable audit trail."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submitted for review")
    APPROVE = "approve", _("Approved and published")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    REJECT = "reject", _("Rejected")
    ARCHIVE = "archive", _("Archived (unpublished)")
    WITHDRAW = "withdraw", _("Withdrawn to draft")
    # Not a status change: a moderator takes the item in the queue (from and to are equal).
    ASSIGN = "assign", _("Assigned to a moderator")
    # Conversations (Ask this State): their records keep the conversation's own status
    # (open, held, answered, blocked) in from_status/to_status.
    ROUTE = "route", _("Question routed")
    ANSWER = "answer", _("Marked answered")
    HOLD = "hold", _("Question held for a moderator")
    RELEASE = "release", _("Question released")
    REPORT = "report", _("Message reported")
    BLOCK = "block", _("Sender blocked")
    # Calls for practices (practices.call_workflow): their records keep the call's own status
    # (draft, open, closed); a record without an actor is the platform closing a call at its
    # deadline.
    CALL_CREATE = "call_create", _("Call created")
    CALL_OPEN = "call_open", _("Call opened")
    CALL_CLOSE = "call_close", _("Call closed")
    CALL_DRAFT = "call_draft", _("Call put back to draft")
    # Not a status change: a State member answers whether a published practice is current.
    CONFIRM_CURRENCY = "confirm_currency", _("Currency confirmed")
    # Expert review (``reviews``): records of a review request, which keep the request's own
    # status (requested, submitted, declined) in from_status/to_status.
    REQUEST_REVIEW = "request_review", _("Expert review requested")
    SUBMIT_REVIEW = "submit_review", _("Expert review submitted")
    DECLINE_REVIEW = "decline_review", _("Expert review declined")


class AuditRecordQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The history of one moderated object, oldest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("actor")


class AuditRecord(models.Model):
    """One status change: who, when, from, to, and the comment. Written once, never changed."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=ModerationStatus.choices
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=ModerationStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="audit_records",
    )
    # Kept as text so the trail still names the person after their account is deleted.
    actor_name = models.CharField(_("by (name)"), max_length=150)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="audit_subject"),
        ]

    def __str__(self):
        return f"{self.actor_name}: {self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        # The trail is evidence: an existing record is never rewritten.
        if self.pk is not None:
            raise ValueError("Audit records are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit records are immutable.")


class FailedEmail(models.Model):
    """A notification that could not be sent after its retries: for staff to see and act on.

    The decision it reported is committed whatever happened to the mail; this row is how a
    mail-server outage becomes visible instead of a line in a log nobody reads.
    """

    subject = models.CharField(_("subject"), max_length=998)
    recipients = models.JSONField(_("recipients"), default=list)
    error = models.TextField(_("error"))
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    # The whole message, so that staff can queue it again once the mail server is back.
    body = models.TextField(_("body"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = _("failed email")
        verbose_name_plural = _("failed emails")

    def __str__(self):
        return self.subject

    @property
    def recipient_count(self):
        return len(self.recipients)
