"""How people get a State account: invitations, and requests to join another State."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from states.models import State


class Invitation(models.Model):
    """An invitation to submit for a State, sent by email with a set-password link.

    The link itself is a Django password-reset token for the invited account, so it stops
    working as soon as a password is set (and after ``PASSWORD_RESET_TIMEOUT``).
    """

    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.state}"


class JoinRequest(models.Model):
    """A signed-in user's request to submit for another State; a moderator decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(
        _("message"), blank=True, help_text=_("Your role, and why you submit for this State.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        editable=False,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join a State")
        verbose_name_plural = _("requests to join a State")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "state"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_state",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.state} ({self.get_status_display()})"
