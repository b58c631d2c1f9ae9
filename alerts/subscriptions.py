"""Creating, confirming and ending subscriptions: the actions the alert pages call."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.site import absolute_url
from moderation.notifications import send_after_commit

from .matching import describe, value_names
from .models import NoticePreference, Subscription


def subscribe(*, query, criteria, frequency, user=None, email=""):
    """Save a search for ``user`` (confirmed at once: their address is the account's) or for
    ``email`` alone, which first receives a confirmation link (double opt-in). An identical
    live subscription is reused rather than duplicated."""
    label = describe(criteria, value_names([criteria]))[:500]
    with transaction.atomic():
        owner = {"user": user} if user else {"user": None, "email": email.strip().lower()}
        subscription = (
            Subscription.objects.filter(**owner, query=query, unsubscribed_at=None)
            .select_for_update()
            .first()
        )
        if subscription is None:
            subscription = Subscription(**owner, query=query, criteria=criteria, label=label)
        subscription.frequency = frequency
        subscription.language = get_language() or "en"
        if user and subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
        subscription.save()
        if subscription.confirmed_at is None:
            send_after_commit(
                subject=_("[GFMD] Confirm your alert: %(label)s") % {"label": label},
                template="alerts/emails/confirm.txt",
                context={
                    "subscription": subscription,
                    "confirm_url": absolute_url(
                        reverse("alerts:confirm", kwargs={"token": subscription.token})
                    ),
                },
                recipients=[subscription.email],
            )
    return subscription


def confirm(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def unsubscribe(subscription):
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])


def set_call_notices(user, *, wanted):
    NoticePreference.objects.update_or_create(user=user, defaults={"call_notices": wanted})
