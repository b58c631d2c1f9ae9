"""Subscriptions (a saved search or a follow) with their send marks, and members' preferences."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from practices.models import Practice


def new_token():
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscriptions that may receive mail: confirmed (double opt-in) and not ended."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def of_user(self, user):
        return self.filter(user=user, unsubscribed_at__isnull=True)

    def follower_counts(self, practices):
        """``{practice id: confirmed subscriptions following its lead State or one of its
        themes}``: those whose saved selection names either, whatever else it asks (words,
        years), so a follower is someone interested in what the practice is filed under, not
        a promise that each would be told of it. One query for the subscriptions' criteria
        and one for the practices' themes, however many practices."""
        themes = {}
        links = Practice.themes.through.objects.filter(practice__in=[p.pk for p in practices])
        for practice_id, theme_id in links.values_list("practice_id", "theme_id"):
            themes.setdefault(practice_id, set()).add(theme_id)
        counts = {practice.pk: 0 for practice in practices}
        states = {practice.lead_state_id for practice in practices}
        any_theme = set().union(*themes.values())
        for criteria in self.confirmed().values_list("criteria", flat=True):
            selections = (criteria or {}).get("selections", {})
            followed_states = states.intersection(selections.get("state", ()))
            followed_themes = any_theme.intersection(selections.get("theme", ()))
            if not followed_states and not followed_themes:
                continue  # follows none of these practices: most subscriptions
            for practice in practices:
                if practice.lead_state_id in followed_states or (
                    followed_themes & themes.get(practice.pk, set())
                ):
                    counts[practice.pk] += 1
        return counts


class Subscription(models.Model):
    """A saved search: its query string (as the search page's URL has it) and the criteria
    read from it through the practices FilterSet, for a user or, with double opt-in, an email
    address alone."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As published")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alert_subscriptions",
    )
    email = models.EmailField(_("email address"), blank=True)
    query = models.CharField(_("search"), max_length=2000, blank=True)
    # What the query selects, validated once when saved (``alerts.criteria``): ids of the
    # selected objects by selection name, the words and the years.
    criteria = models.JSONField(_("criteria"), default=dict)
    label = models.CharField(_("label"), max_length=500)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    # The private Atom feed's address and the confirmation link carry this secret.
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # The send mark: every practice published up to this moment has been sent (or was not
    # news). Moved in the transaction that queues the digest, so a second run sends nothing.
    sent_until = models.DateTimeField(_("sent until"), null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        indexes = [models.Index(fields=["frequency", "confirmed_at"], name="alert_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="alert_has_recipient"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def address(self):
        return self.user.email if self.user_id else self.email

    def get_feed_url(self):
        return reverse("alerts:feed", kwargs={"token": self.token})


class NoticePreference(models.Model):
    """A State member's choice about the notices of calls for practices (on by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference"
    )
    call_notices = models.BooleanField(_("tell me of calls for practices"), default=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")

    def __str__(self):
        return f"{self.user}: {self.call_notices}"
