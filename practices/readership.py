"""How much a State's practices are read, counted without cookies or personal data.

A practice page read (GET, by a browser that does not call itself a bot, crawler or spider)
adds one to the practice's count of the day, in one statement: an upsert of
``PracticeDayCount`` (``INSERT … ON CONFLICT DO UPDATE``, which PostgreSQL and SQLite both
speak). Nothing about the reader is stored or set: no address, no user agent, no cookie, no
session. A CSV export counts one download for every practice it held, once per export, in
bulk when the file has been sent whole (an export broken off counts nothing). Reloads count
again: these are page views, not visitors, which could not be told apart without
identifying them.

My State shows, per published practice of the member's States, the last ``WINDOW_DAYS``
days' views and downloads and what the apps above this one add to ``practice_counters``
(``conversations``: questions received; ``alerts``: followers).
"""

import logging
from datetime import datetime, time, timedelta

from django.db import DatabaseError, connections, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .living import PracticeDayCount
from .models import Practice

logger = logging.getLogger(__name__)

WINDOW_DAYS = 90
BOT_WORDS = ("bot", "crawler", "spider")
_CHUNK = 500

# Columns of the dashboard's table added by apps above this one (imports run one way):
# name -> (label, function(practices, since) -> {practice id: count}); ``since`` is the first
# moment of the window.
practice_counters = {}


def countable(request):
    """A GET by a browser not known as a robot (HEAD requests and robots are not counted)."""
    if request.method != "GET":
        return False
    agent = request.headers.get("user-agent", "").lower()
    return not any(word in agent for word in BOT_WORDS)


def count_view(request, practice):
    """One page view of ``practice`` today, if ``countable(request)``."""
    if countable(request):
        _add_one("views", [practice.pk])


def count_downloads(practice_ids):
    """One download today for each practice of a CSV export (each counted once)."""
    ids = sorted(set(practice_ids))
    for start in range(0, len(ids), _CHUNK):
        _add_one("downloads", ids[start : start + _CHUNK])


def _add_one(column, practice_ids):
    if not practice_ids:
        return
    connection = connections[router.db_for_write(PracticeDayCount)]
    quote = connection.ops.quote_name
    table = quote(PracticeDayCount._meta.db_table)
    column = quote(column)
    day = connection.ops.adapt_datefield_value(timezone.now().date())
    views, downloads = (1, 0) if column == quote("views") else (0, 1)
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(practice_ids))
    params = [value for pk in practice_ids for value in (pk, day, views, downloads)]
    sql = (
        f"INSERT INTO {table} (practice_id, day, views, downloads) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT (practice_id, day) DO UPDATE SET {column} = {table}.{column} + 1"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        # A count is not worth a reader's page: the page is served whatever happened here.
        if connection.in_atomic_block:
            raise
        logger.exception("Reading count of %s practices not written", len(practice_ids))


def window_start(now=None):
    """The first moment of the last ``WINDOW_DAYS`` days (today included)."""
    today = timezone.localdate(now or timezone.now())
    first = today - timedelta(days=WINDOW_DAYS - 1)
    return first, timezone.make_aware(datetime.combine(first, time.min))


def columns():
    """``[(name, label)]`` of the dashboard's table, in order."""
    own = [("views", _("Page views")), ("downloads", _("CSV downloads"))]
    return own + [(name, label) for name, (label, _count) in practice_counters.items()]


def dashboard_table(states, now=None):
    """``{"columns", "rows": {state id: [(practice, [count, ...]), ...]}, "totals": {state
    id: [total, ...]}, "since"}``: the published practices led by ``states``, with their
    counts over the window, in a fixed number of queries (not one per practice)."""
    first_day, since = window_start(now)
    practices = list(
        Practice.objects.published()
        .filter(lead_state__in=states)
        .only("pk", "slug", "title", "lead_state_id", "published_at")
        .order_by("title", "pk")
    )
    read = PracticeDayCount.objects.filter(practice__in=[p.pk for p in practices])
    read = read.since(first_day).totals_by_practice()
    added = [count(practices, since) for _label, count in practice_counters.values()]
    rows = {state.pk: [] for state in states}
    totals = {state.pk: [0] * len(columns()) for state in states}
    for practice in practices:
        views, downloads = read.get(practice.pk, (0, 0))
        counts = [views, downloads, *(found.get(practice.pk, 0) for found in added)]
        rows[practice.lead_state_id].append((practice, counts))
        totals[practice.lead_state_id] = [
            a + b for a, b in zip(totals[practice.lead_state_id], counts, strict=True)
        ]
    return {"columns": columns(), "rows": rows, "totals": totals, "since": first_day}
