"""Digests: each confirmed subscription hears once of each practice newly published that its
saved search matches, with why it matched; no digest is ever empty or sent twice.

``send_digests(frequency)`` matches the subscriptions in batches (``ALERTS_BATCH_SIZE``) against
the practices published within the frequency's look-back window (and after each subscription
was confirmed). In one transaction per batch it writes a ``Delivery`` row per (subscription,
practice), whose unique pair refuses a second run of the same batch (a task retry, two beats),
and queues the emails, which leave once it commits.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from moderation.notifications import absolute_url, deliver
from practices.models import Practice

from .links import email_links
from .matching import NewPractices, criteria_key, describe, value_names
from .models import Delivery, Subscription

logger = logging.getLogger(__name__)
F = Subscription.Frequency

# How far back each frequency looks for new practices: a little more than its period, so a
# late or missed run loses nothing (the send marks keep the overlap from being sent twice).
LOOK_BACK = {
    F.IMMEDIATE: timedelta(days=2),
    F.DAILY: timedelta(days=3),
    F.WEEKLY: timedelta(days=15),
}


def send_digests(frequency, *, now=None):
    """Build and queue every digest of ``frequency`` due now; returns (emails, practices sent)."""
    now = now or timezone.now()
    new = (
        Practice.objects.published()
        .filter(published_at__gte=now - LOOK_BACK[frequency], published_at__lte=now)
        .values_list("pk", "published_at")
    )
    published_at = dict(new)
    if not published_at:
        return 0, 0
    practices = NewPractices(published_at)
    cards = {
        practice.pk: practice
        for practice in Practice.objects.filter(pk__in=published_at).only(
            "slug", "title", "summary", "published_at"
        )
    }
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(frequency=frequency)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .select_related("user")
        .only(*BATCH_FIELDS)
        .order_by("pk")
    )
    # Every distinct text is searched once, up front: the batches then cost the same queries
    # whatever words their subscriptions hold.
    for text in subscriptions.order_by().values_list("criteria__text", flat=True).distinct():
        if text:
            practices.text_hits(text)
    emails = sent = 0
    last_pk = 0
    while True:
        batch = list(subscriptions.filter(pk__gt=last_pk)[: settings.ALERTS_BATCH_SIZE])
        if not batch:
            break
        last_pk = batch[-1].pk
        batch_emails, batch_sent = _send_batch(batch, practices, published_at, cards)
        emails += batch_emails
        sent += batch_sent
    return emails, sent


BATCH_FIELDS = (
    "pk",
    "email",
    "criteria",
    "label",
    "token",
    "language",
    "confirmed_at",
    "user__email",
    "user__is_active",
)


def _send_batch(batch, practices, published_at, cards):
    names = value_names([subscription.criteria for subscription in batch])
    already = set(
        Delivery.objects.filter(
            subscription_id__gte=batch[0].pk,
            subscription_id__lte=batch[-1].pk,
            practice__in=list(published_at),
        )
        .values_list("subscription_id", "practice_id")
        .iterator()
    )
    matches_by_key = {}
    digests = []
    for subscription in batch:
        key = criteria_key(subscription.criteria)
        if key not in matches_by_key:
            matches_by_key[key] = practices.match(subscription.criteria, names)
        items = [
            (pk, reasons)
            for pk, reasons in matches_by_key[key].items()
            if published_at[pk] >= subscription.confirmed_at
            and (subscription.pk, pk) not in already
        ]
        if items and subscription.address:
            items.sort(key=lambda item: (published_at[item[0]], item[0]), reverse=True)
            digests.append((subscription, items))
    if not digests:
        return 0, 0
    try:
        with transaction.atomic():
            Delivery.objects.bulk_create(
                [
                    Delivery(subscription=subscription, practice_id=pk)
                    for subscription, items in digests
                    for pk, _reasons in items
                ]
            )
            for subscription, items in digests:
                _queue_digest(subscription, items, cards, names)
    except IntegrityError:
        # Another run sent this batch meanwhile: its marks stand, this run sends nothing.
        logger.warning("Digest batch from subscription %s already sent", batch[0].pk)
        return 0, 0
    return len(digests), sum(len(items) for _s, items in digests)


def _queue_digest(subscription, items, cards, names):
    address = subscription.address
    links, headers = email_links(subscription, address=address)
    with translation.override(subscription.language):
        entries = [
            {
                "practice": cards[pk],
                "url": absolute_url(cards[pk].get_absolute_url()),
                "reasons": reasons,
            }
            for pk, reasons in items
        ]
        context = {
            "subscription": subscription,
            "search": describe(subscription.criteria, names),
            "entries": entries,
            "feed_url": absolute_url(subscription.get_feed_url()),
            **links,
        }
        subject = ngettext(
            "[GFMD] %(count)s new practice: %(search)s",
            "[GFMD] %(count)s new practices: %(search)s",
            len(entries),
        ) % {"count": len(entries), "search": subscription.label}
        body = render_to_string("alerts/emails/digest.txt", context)
    transaction.on_commit(lambda: deliver(subject[:900], body, [address], headers=headers))
