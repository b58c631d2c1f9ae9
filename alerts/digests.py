"""Digests: each confirmed subscription hears once of each practice newly published that its
saved search matches, with why it matched; no digest is ever empty or sent twice.

``send_digests(frequency)`` matches the subscriptions in batches (``ALERTS_BATCH_SIZE``) against
the practices published within the frequency's look-back window, after the subscription's send
mark (``sent_until``, else its confirmation) and up to the run's moment. Each batch is one
transaction: its subscriptions are locked, their digests queued (they leave on commit) and
their send marks moved to the run's moment in one statement, so a second run (a task retry, two
beats) finds nothing new for them.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from core.site import absolute_url
from moderation.notifications import deliver_many
from practices.models import Practice

from .links import email_links
from .matching import NewPractices, criteria_key, describe, value_names
from .models import Subscription

F = Subscription.Frequency

# How far back each frequency looks for new practices: a little more than its period, so a
# late or missed run loses nothing (the send marks keep the overlap from being sent twice).
LOOK_BACK = {
    F.IMMEDIATE: timedelta(days=2),
    F.DAILY: timedelta(days=3),
    F.WEEKLY: timedelta(days=15),
}
BATCH_FIELDS = (
    "pk",
    "email",
    "query",
    "criteria",
    "label",
    "token",
    "language",
    "confirmed_at",
    "sent_until",
    "user__email",
)
# One line block per practice of a digest, formatted once per practice, language and reasons.
ENTRY = "* {title}\n  {url}\n  {why} {reasons}\n"


def send_digests(frequency, *, now=None):
    """Build and queue every digest of ``frequency`` due now; returns (emails, practices sent)."""
    now = now or timezone.now()
    published_at = dict(
        Practice.objects.published()
        .filter(published_at__gte=now - LOOK_BACK[frequency], published_at__lte=now)
        .values_list("pk", "published_at")
    )
    if not published_at:
        return 0, 0
    run = _Run(now, published_at)
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(frequency=frequency)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .order_by("pk")
    )
    # Every distinct text is searched once, up front: the batches then cost the same queries
    # whatever words their subscriptions hold.
    for text in subscriptions.values_list("criteria__text", flat=True).distinct():
        if text:
            run.practices.text_hits(text)
    emails = sent = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                subscriptions.filter(pk__gt=last_pk)
                .select_related("user")
                .select_for_update(of=("self",))
                .only(*BATCH_FIELDS)[: settings.ALERTS_BATCH_SIZE]
            )
            if not batch:
                break
            last_pk = batch[-1].pk
            batch_emails, batch_sent = run.send_batch(batch)
        emails += batch_emails
        sent += batch_sent
    return emails, sent


class _Run:
    """What one run reads once and reuses across its batches: the new practices' values and
    text hits, their cards, and each practice's line of a digest by language and reasons."""

    def __init__(self, now, published_at):
        self.now = now
        self.published_at = published_at
        self.practices = NewPractices(published_at)
        self.cards = {
            practice.pk: practice
            for practice in Practice.objects.filter(pk__in=published_at).only("slug", "title")
        }
        self.lines = {}

    def send_batch(self, batch):
        names = value_names([subscription.criteria for subscription in batch])
        matches_by_key = {}
        digests = []
        for subscription in batch:
            key = criteria_key(subscription.criteria)
            if key not in matches_by_key:
                matches_by_key[key] = self.practices.match(subscription.criteria, names)
            since = max(filter(None, (subscription.sent_until, subscription.confirmed_at)))
            items = [
                (pk, reasons)
                for pk, reasons in matches_by_key[key].items()
                if since < self.published_at[pk]
            ]
            if items and subscription.address:
                items.sort(key=lambda item: (self.published_at[item[0]], item[0]), reverse=True)
                digests.append((subscription, items))
        messages = [self._message(subscription, items, names) for subscription, items in digests]
        transaction.on_commit(lambda: deliver_many(messages))
        Subscription.objects.filter(pk__in=[s.pk for s in batch]).update(sent_until=self.now)
        return len(digests), sum(len(items) for _s, items in digests)

    def _line(self, pk, reasons):
        language = translation.get_language()
        key = (language, pk, tuple(reasons))
        if key not in self.lines:
            if (language, pk) not in self.lines:
                practice = self.cards[pk]
                url = absolute_url(practice.get_absolute_url())
                self.lines[language, pk] = (practice.title, url, gettext("Why:"))
            title, url, why = self.lines[language, pk]
            self.lines[key] = ENTRY.format(
                title=title, url=url, why=why, reasons="; ".join(reasons)
            )
        return self.lines[key]

    def _message(self, subscription, items, names):
        address = subscription.address
        links, headers = email_links(subscription, address=address)
        with translation.override(subscription.language):
            context = {
                "search": describe(subscription.criteria, names),
                "entries": "\n".join(self._line(pk, reasons) for pk, reasons in items),
                "feed_url": absolute_url(subscription.get_feed_url()),
                **links,
            }
            subject = ngettext(
                "[GFMD] %(count)s new practice: %(search)s",
                "[GFMD] %(count)s new practices: %(search)s",
                len(items),
            ) % {"count": len(items), "search": subscription.label}
            body = render_to_string("alerts/emails/digest.txt", context)
        return subject[:900], body, [address], headers
