"""Notices of calls for practices: when a call opens, and a week before it closes.

Told: the confirmed followers of the call's themes and GCM objectives (facet follows and saved
searches selecting them), and every State member who has not opted out
(``NoticePreference``). Each address hears once per notice; the call's send mark
(``announced_at``, ``reminded_at``) is written in the transaction that queues the emails, which
go to the queue together (``deliver_many``: 100 to a task) once it commits. Both notices are one
function (``send_notices``) with what differs between them in a ``Notice``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from core.site import absolute_url
from moderation.notifications import deliver_many
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


@dataclass(frozen=True)
class Notice:
    """One kind of call notice: which calls are due, its email, and its send mark."""

    template: str
    subject: str  # lazy; formatted with the call's title in each recipient's language
    mark: str
    due: Callable[[datetime], Q]


OPENING = Notice(
    template="alerts/emails/call_open.txt",
    subject=gettext_lazy("[GFMD] Call for practices: %(title)s"),
    mark="announced_at",
    due=lambda now: Q(opens_at__lte=now, closes_at__gt=now, announced_at=None),
)
REMINDER = Notice(
    template="alerts/emails/call_reminder.txt",
    subject=gettext_lazy("[GFMD] One week left: %(title)s"),
    mark="reminded_at",
    due=lambda now: Q(
        announced_at__isnull=False,
        reminded_at=None,
        closes_at__gt=now,
        closes_at__lte=now + REMIND_BEFORE,
    ),
)


def send_notices(notice, now=None):
    """Tell of every open call for which ``notice`` is due and not sent yet; returns the calls.

    The emails of a call are queued together (``deliver_many``) once its send mark commits.
    """
    now = now or timezone.now()
    sent = []
    with transaction.atomic():
        due = Call.objects.select_for_update().filter(notice.due(now), status=Call.Status.OPEN)
        for call in due:
            messages = _messages(call, notice)
            transaction.on_commit(lambda m=messages: deliver_many(m))
            setattr(call, notice.mark, now)
            call.save(update_fields=[notice.mark])
            sent.append(call)
    return sent


def _messages(call, notice):
    messages = []
    url = absolute_url(call.get_absolute_url())
    for address, (subscription, user, language) in recipients(call).items():
        links, headers = email_links(subscription, call_notices_of=user, address=address)
        with translation.override(language):
            subject = str(notice.subject) % {"title": call.title}
            body = render_to_string(notice.template, {"call": call, "url": url, **links})
        messages.append((subject, body, [address], headers))
    return messages


def announce_open_calls(now=None):
    """Tell of every open call whose opening time has come and that was not announced yet."""
    return send_notices(OPENING, now)


def remind_closing_calls(now=None):
    """Remind of every announced open call closing within a week, once."""
    return send_notices(REMINDER, now)
