"""The change feed that lets partners keep an exact copy of the published practices.

``GET /api/v1/practices/?updated_since=<RFC 3339 date-time>`` lists, oldest change first,
every practice published or edited since then, and a tombstone for every practice that left
the published set: archived ones (their row stays, with status ``archived``: that row *is* the
tombstone, so the moderation workflow needs to tell nobody) and deleted ones (logged by
``practices.signals``). Pages are keyed on ``(updated_at, uuid)`` rather than numbered, so an
item edited while a partner pages through moves to the end instead of shifting others out of
reach.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Max, Q
from django.utils.translation import gettext as _
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.exceptions import invalid_parameter
from practices.models import Practice, PracticeRemoval

SINCE = "updated_since"
AFTER = "after"

# RFC 3339 date-time, as OpenAPI's ``format: date-time`` defines it.
_DATE_TIME = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[Tt ]"
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?P<fraction>\.\d+)?"
    r"(?P<offset>[Zz]|[+-]\d{2}:\d{2})",
    re.ASCII,
)
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def parse_since(request):
    """The ``updated_since`` parameter as an aware datetime, ``None`` when absent, else 400."""
    raw = request.query_params.get(SINCE)
    if raw is None:
        return None
    match = _DATE_TIME.fullmatch(raw)
    if not match:
        raise invalid_parameter(
            SINCE, _("Give a date and time with its offset, e.g. 2026-01-31T08:00:00Z.")
        )
    parts = match.groupdict()
    try:
        moment = datetime(
            max(int(parts["year"]), 1),  # year 0000 is valid RFC 3339, not a Python year
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"]),
            int(parts["minute"]),
            min(int(parts["second"]), 59),  # a leap second counts as the second before it
            int((parts["fraction"] or ".0")[1:7].ljust(6, "0")),
            tzinfo=UTC,
        )
        offset = _offset(parts["offset"])
    except ValueError:
        raise invalid_parameter(SINCE, _("This date or time does not exist.")) from None
    try:
        return moment - offset
    except OverflowError:
        return _EARLIEST if offset > timedelta(0) else _LATEST


def _offset(text):
    if text in ("Z", "z"):
        return timedelta(0)
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 23 or minutes > 59:
        raise ValueError(text)
    offset = timedelta(hours=hours, minutes=minutes)
    return -offset if text[0] == "-" else offset


def parse_after(request):
    """The ``after`` cursor (the UUID of the last item seen), ``None`` when absent."""
    raw = request.query_params.get(AFTER)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise invalid_parameter(AFTER, _("Must be a UUID.")) from None


def latest_change(visible):
    """When anything in ``visible`` (or the change feed) last changed, for ``Last-Modified``."""
    practices = visible.order_by() | Practice.objects.order_by().ever_published()
    candidates = [
        practices.aggregate(latest=Max("updated_at"))["latest"],
        PracticeRemoval.objects.aggregate(latest=Max("removed_at"))["latest"],
    ]
    return max((moment for moment in candidates if moment), default=None)


@dataclass(frozen=True)
class Tombstone:
    uuid: uuid.UUID
    slug: str
    status: str
    removed_at: datetime


@dataclass
class ChangePage:
    items: list  # Practice instances (live) and Tombstones, oldest change first
    remaining: int  # items from this cursor on, this page included
    next_url: str | None


def _from_cursor(queryset, field, since, after):
    if after is None:
        return queryset.filter(**{f"{field}__gte": since})
    return queryset.filter(Q(**{f"{field}__gt": since}) | Q(**{field: since, "uuid__gt": after}))


def change_page(request, practices, *, since, after, limit):
    """One page of the change feed, from the cursor ``(since, after)``.

    ``practices`` is the (filtered) ``ever_published`` queryset; live rows come back as
    ``Practice`` objects, archived ones and deletions as ``Tombstone``.
    """
    practices = _from_cursor(practices, "updated_at", since, after).order_by("updated_at", "uuid")
    removals = _from_cursor(PracticeRemoval.objects.all(), "removed_at", since, after).order_by(
        "removed_at", "uuid"
    )
    candidates = [(p.updated_at, p.uuid, p) for p in practices[: limit + 1]]
    candidates += [(r.removed_at, r.uuid, r) for r in removals[: limit + 1]]
    candidates.sort(key=lambda candidate: candidate[:2])
    page = candidates[:limit]
    next_url = None
    if len(candidates) > limit:
        moment, last_uuid, _item = page[-1]
        url = remove_query_param(request.build_absolute_uri(), "page")
        url = replace_query_param(url, SINCE, moment.astimezone(UTC).isoformat())
        next_url = replace_query_param(url, AFTER, str(last_uuid))
    return ChangePage(
        items=[_as_change(item) for _moment, _uuid, item in page],
        remaining=practices.count() + removals.count(),
        next_url=next_url,
    )


def _as_change(item):
    if isinstance(item, PracticeRemoval):
        return Tombstone(item.uuid, item.slug, "removed", item.removed_at)
    if item.status == Practice.Status.PUBLISHED:
        return item
    status = "archived" if item.status == Practice.Status.ARCHIVED else "removed"
    return Tombstone(item.uuid, item.slug, status, item.updated_at)
