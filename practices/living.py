"""A living record: whether a published practice is still current, and how much it is read.

``CurrencyRequest`` is the send mark of the yearly question to the State ("is it still
current?", ``practices.currency``), written in the transaction that queues the emails;
``CurrencyConfirmation`` is the State's answer. ``PracticeDayCount`` counts page views and
CSV downloads per practice and day, and nothing about who read: no address, no user agent,
no cookie (``practices.readership``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CurrencyRequestQuerySet(models.QuerySet):
    def of_practices(self, practices):
        return self.filter(practice__in=practices)


class CurrencyRequest(models.Model):
    """The State was asked about ``practice`` at ``asked_at`` (one row per question asked)."""

    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="currency_requests",
    )
    asked_at = models.DateTimeField(_("asked"))

    objects = CurrencyRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("currency check sent")
        verbose_name_plural = _("currency checks sent")
        indexes = [models.Index(fields=["practice", "-asked_at"], name="currency_request_last")]

    def __str__(self):
        return f"{self.practice_id} @ {self.asked_at:%Y-%m-%d}"


class CurrencyConfirmationQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-answered_at", "-pk")


class CurrencyConfirmation(models.Model):
    """A State member's answer to "is this practice still current?", with its date."""

    class Status(models.TextChoices):
        STILL_RUNNING = "still_running", _("Still running")
        COMPLETED = "completed", _("Completed")
        UPDATE_COMING = "update_coming", _("Update coming")

    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="currency_confirmations",
    )
    status = models.CharField(_("answer"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"))

    objects = CurrencyConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_at", "-pk"]
        verbose_name = _("currency confirmation")
        verbose_name_plural = _("currency confirmations")
        indexes = [
            models.Index(fields=["practice", "-answered_at"], name="currency_confirmation_last")
        ]

    def __str__(self):
        return f"{self.practice_id}: {self.status} ({self.answered_at:%Y-%m-%d})"


class PracticeDayCountQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

    def totals_by_practice(self):
        """``{practice id: (views, downloads)}`` summed over these rows, in one query."""
        rows = (
            self.order_by()
            .values("practice_id")
            .annotate(v=models.Sum("views"), d=models.Sum("downloads"))
            .values_list("practice_id", "v", "d")
        )
        return {pk: (views or 0, downloads or 0) for pk, views, downloads in rows}


class PracticeDayCount(models.Model):
    """How many times a practice's page was read, and CSV exports held it, on one day."""

    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="day_counts",
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)
    downloads = models.PositiveIntegerField(_("CSV downloads"), default=0)

    objects = PracticeDayCountQuerySet.as_manager()

    class Meta:
        ordering = ["practice", "-day"]
        verbose_name = _("daily reading count")
        verbose_name_plural = _("daily reading counts")
        constraints = [
            models.UniqueConstraint(fields=["practice", "day"], name="practice_day_count_unique")
        ]

    def __str__(self):
        return f"{self.practice_id} {self.day}: {self.views} / {self.downloads}"
