"""Calls for practices: moderators ask States for practices on some themes and GCM objectives.

A call is a draft until a moderator opens it; it is open (announced once ``opens_at`` has come,
answered until ``closes_at``) and closes by itself after its deadline (``close_due_calls``, run
by the beat schedule). Every save and status change goes through ``practices.call_workflow``
(audited). A practice answers a call through ``Practice.in_response_to``: new answers are
accepted while the call ``accepts_answers``; drafts linked before the deadline stay linked.
Who is told of a call is the alerts app's business (it sits above this one).
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CallQuerySet(models.QuerySet):
    def public(self):
        """What readers see: open and closed calls (drafts are the moderators')."""
        return self.exclude(status=Call.Status.DRAFT)

    def accepting(self, now=None):
        """Open calls whose window is running: the ones a practice may newly answer."""
        now = now or timezone.now()
        return self.filter(status=Call.Status.OPEN, opens_at__lte=now, closes_at__gt=now)


class Call(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    themes = models.ManyToManyField(
        "practices.Theme", verbose_name=_("themes"), related_name="calls", blank=True
    )
    gcm_objectives = models.ManyToManyField(
        "practices.GcmObjective", verbose_name=_("GCM objectives"), related_name="calls", blank=True
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Send marks of the notices (alerts.calls), written in the transaction that queues them.
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "title"]
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:call_detail", kwargs={"slug": self.slug})

    def accepts_answers(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at
