"""How much a State's practices are read, counted without cookies or personal data.

A practice page read (GET, by a browser that does not call itself a bot, crawler or spider)
adds one to the practice's count of the day. The practice page is the site's busiest and
its cached answer costs one query: writing each view at once (an upsert, committed on its
own) cost ~4 ms on PostgreSQL, mostly the commit's flush to disk, more than the rest of the
page. So each process adds views up in memory and writes them every
``READ_COUNTS_FLUSH_SECONDS`` (60), in one upsert for all the practices read meanwhile (and
when the process exits): a view shows on the dashboard within that time, and a process that
dies unexpectedly loses at most that many seconds of counts. The upsert (``INSERT … ON
CONFLICT DO UPDATE``) is one statement that PostgreSQL and SQLite both speak.

Nothing about the reader is stored or set: no address, no user agent, no cookie, no session.
Reloads count again: these are page views, not visitors, which could not be told apart
without identifying them. A CSV export counts one download for every practice it held, once
per export, written in bulk when the file has been sent whole (an export broken off counts
nothing).

My State shows, per published practice of the member's States, the last ``WINDOW_DAYS``
days' views and downloads and what the apps above this one add to ``practice_counters``
(``conversations``: questions received; ``alerts``: followers).
"""

import atexit
import logging
import threading
import time as clock
from collections import Counter
from datetime import datetime, time, timedelta

from django.conf import settings
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
    """One page view of ``practice`` today, if ``countable(request)``: added up in memory,
    written with the others every ``READ_COUNTS_FLUSH_SECONDS``."""
    if not countable(request):
        return
    day = timezone.now().date()
    with _lock:
        _pending[(practice.pk, day)] += 1
        due = clock.monotonic() - _flushed_at[0] >= settings.READ_COUNTS_FLUSH_SECONDS
    if due:
        flush_views()


def flush_views():
    """Write this process's views counted since the last write: the practices still there
    (one query), then one upsert per 500."""
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _flushed_at[0] = clock.monotonic()
    # A practice deleted since it was read would fail the whole statement (its foreign key).
    existing = set(
        Practice.objects.filter(pk__in={pk for pk, _day in pending}).values_list("pk", flat=True)
    )
    rows = [(pk, day, views, 0) for (pk, day), views in sorted(pending.items()) if pk in existing]
    for start in range(0, len(rows), _CHUNK):
        _add(rows[start : start + _CHUNK])


def forget_pending_views():
    """Drop what this process counted and not written yet, and restart its clock (tests)."""
    with _lock:
        _pending.clear()
        _flushed_at[0] = clock.monotonic()


def count_downloads(practice_ids):
    """One download today for each practice of a CSV export (each counted once)."""
    day = timezone.now().date()
    rows = [(pk, day, 0, 1) for pk in sorted(set(practice_ids))]
    for start in range(0, len(rows), _CHUNK):
        _add(rows[start : start + _CHUNK])


def _add(rows):
    """Add ``(practice id, day, views, downloads)`` rows to the day counts, in one upsert."""
    if not rows:
        return
    connection = connections[router.db_for_write(PracticeDayCount)]
    quote = connection.ops.quote_name
    table = quote(PracticeDayCount._meta.db_table)
    views, downloads = quote("views"), quote("downloads")
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    params = []
    for pk, day, added_views, added_downloads in rows:
        params += [pk, connection.ops.adapt_datefield_value(day), added_views, added_downloads]
    sql = (
        f"INSERT INTO {table} (practice_id, day, {views}, {downloads}) "  # noqa: S608
        f"VALUES {values} ON CONFLICT (practice_id, day) DO UPDATE SET "
        f"{views} = {table}.{views} + excluded.{views}, "
        f"{downloads} = {table}.{downloads} + excluded.{downloads}"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        # A count is not worth a reader's page: the page is served whatever happened here.
        if connection.in_atomic_block:
            raise
        logger.exception("Reading counts of %s practices not written", len(rows))


_lock = threading.Lock()
_pending = Counter()
_flushed_at = [clock.monotonic()]


@atexit.register
def _flush_at_exit():
    if _pending:
        try:
            flush_views()
        except Exception:  # the process is ending: log what is lost, never raise
            logger.exception("Reading counts lost at exit")


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
