"""Notices of calls for practices: when a call opens, and a week before it closes.

Told: the confirmed followers of the call's themes and GCM objectives (facet follows and saved
searches selecting them), and every State member who has not opted out
(``NoticePreference``). Each address hears once per notice; the call's send mark
(``announced_at``, ``reminded_at``) is written in the transaction that queues the emails.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.site import absolute_url
from moderation.notifications import deliver
from practices.calls import Call

from .links import email_links
from .models import NoticePreference, Subscription

REMIND_BEFORE = timedelta(days=7)


def recipients(call):
    """``{address: (subscription or None, user or None, language)}`` to tell of ``call``."""
    themes = set(call.themes.values_list("pk", flat=True))
    objectives = set(call.gcm_objectives.values_list("pk", flat=True))
    found = {}
    for subscription in Subscription.objects.confirmed().select_related("user"):
        selections = subscription.criteria.get("selections", {})
        if themes & set(selections.get("theme", ())) or objectives & set(selections.get("gcm", ())):
            address = subscription.address
            if address and address not in found:
                found[address] = (subscription, None, subscription.language)
    opted_out = NoticePreference.objects.filter(call_notices=False).values("user_id")
    members = (
        get_user_model()
        .objects.filter(is_active=True, state_memberships__isnull=False)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .distinct()
    )
    for user in members:
        found.setdefault(user.email, (None, user, "en"))
    return found


def _notify(call, *, template, subject):
    for address, (subscription, user, language) in recipients(call).items():
        links, headers = email_links(subscription, call_notices_of=user, address=address)
        with translation.override(language):
            body = render_to_string(
                template,
                {"call": call, "url": absolute_url(call.get_absolute_url()), **links},
            )
        transaction.on_commit(
            lambda a=address, b=body, h=headers: deliver(subject, b, [a], headers=h)
        )


def announce_open_calls(now=None):
    """Tell of every open call whose opening time has come and that was not announced yet."""
    now = now or timezone.now()
    announced = []
    with transaction.atomic():
        due = Call.objects.select_for_update().filter(
            status=Call.Status.OPEN, opens_at__lte=now, closes_at__gt=now, announced_at=None
        )
        for call in due:
            _notify(
                call,
                template="alerts/emails/call_open.txt",
                subject=_("[GFMD] Call for practices: %(title)s") % {"title": call.title},
            )
            call.announced_at = now
            call.save(update_fields=["announced_at"])
            announced.append(call)
    return announced


def remind_closing_calls(now=None):
    """Remind of every open call closing within a week, once."""
    now = now or timezone.now()
    reminded = []
    with transaction.atomic():
        due = Call.objects.select_for_update().filter(
            status=Call.Status.OPEN,
            announced_at__isnull=False,
            reminded_at=None,
            closes_at__gt=now,
            closes_at__lte=now + REMIND_BEFORE,
        )
        for call in due:
            _notify(
                call,
                template="alerts/emails/call_reminder.txt",
                subject=_("[GFMD] One week left: %(title)s") % {"title": call.title},
            )
            call.reminded_at = now
            call.save(update_fields=["reminded_at"])
            reminded.append(call)
    return reminded
