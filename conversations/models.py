"""A reader's question to a State (``Conversation``) and its thread (``Message``).

Status only changes through ``conversations.workflow``. Who a question went to is recorded as
ids (contacts and users), never as addresses: addresses are looked up when mail leaves.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from practices.models import Practice
from states.models import State

from .managers import ConversationQuerySet


class Conversation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        HELD = "held", _("Held for a moderator")
        BLOCKED = "blocked", _("Blocked")

    class Route(models.TextChoices):
        PRACTICE_CONTACTS = "practice_contacts", _("the practice's contacts")
        FOCAL_POINTS = "focal_points", _("the State's focal points")
        MEMBERS = "members", _("the State's members")
        MODERATORS = "moderators", _("the moderators")

    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="conversations"
    )
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    subject = models.CharField(_("subject"), max_length=200)
    share_email = models.BooleanField(
        _("share my email address with this State"),
        default=False,
        help_text=_("Without it, the State answers here and never sees your address."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    route = models.CharField(
        _("routed to"), max_length=20, choices=Route.choices, blank=True, editable=False
    )
    recipient_contact_ids = models.JSONField(_("recipient contacts"), default=list, editable=False)
    recipient_user_ids = models.JSONField(_("recipient users"), default=list, editable=False)
    routed_at = models.DateTimeField(_("routed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    last_message_at = models.DateTimeField(_("last message"), db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("question to a State")
        verbose_name_plural = _("questions to States")
        indexes = [models.Index(fields=["asker", "created_at"], name="conversation_asker_day")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("conversations:thread", kwargs={"pk": self.pk})


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="conversation_messages",
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def reported(self):
        return self.reported_at is not None


class BlockedSender(models.Model):
    """A user a moderator blocked: they can neither start a conversation nor write in one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="conversation_block",
    )
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")

    def __str__(self):
        return str(self.user)
