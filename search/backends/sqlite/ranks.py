"""Each text search's FTS5 hits and bm25 ranks, computed once and kept in a TEMP table.

bm25 needs statistics over every hit, so FTS5 computes it only in one scan: asked per row (a
correlated subquery, which is how the ORM ranks) it scans again for each row. Instead a search's
hits are written once to ``temp.search_ranked`` (per connection, never shared, never written
to the database file), keyed by the public version (``core.cache``: any publication makes the
ranks stale) and the FTS5 expression; the FilterSet's match and rank then read them by primary
key. Only the last few searches of a connection are kept.
"""

# SQL here is assembled from constants only; data always travels as query parameters.
# ruff: noqa: S608

from collections import deque

from django.db import OperationalError, connection

from core.cache import public_version

from .analysis import BM25_WEIGHTS
from .index import TABLE

RANKED = "search_ranked"
KEPT = 8
_CREATE = (
    f"CREATE TEMP TABLE IF NOT EXISTS {RANKED} (search TEXT NOT NULL, practice_id INTEGER NOT "
    "NULL, rank REAL NOT NULL, PRIMARY KEY (search, practice_id)) WITHOUT ROWID"
)
_BM25 = f"bm25({TABLE}, {', '.join(str(weight) for weight in BM25_WEIGHTS)})"
# The searches each connection holds, oldest first (by the DB-API connection).
_kept = {}


def ranked(expression):
    """The key of ``expression``'s hits in ``temp.search_ranked``, written there if absent."""
    key = f"{public_version()}:{expression}"
    with connection.cursor() as cursor:
        try:  # One statement when the ranks are there (the FilterSet asks once per facet).
            cursor.execute(f"SELECT 1 FROM {RANKED} WHERE search = %s LIMIT 1", [key])
            present = cursor.fetchone() is not None
        except OperationalError:  # No such table yet on this connection.
            cursor.execute(_CREATE)
            present = False
        if not present:
            kept = _kept.setdefault(id(connection.connection), deque())
            while len(kept) >= KEPT:
                cursor.execute(f"DELETE FROM {RANKED} WHERE search = %s", [kept.popleft()])
            cursor.execute(
                f"INSERT OR IGNORE INTO {RANKED} SELECT %s, rowid, -{_BM25} FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s",
                [key, expression],
            )
            kept.append(key)
    return key


def forget():
    """Drop this connection's kept ranks (the index has just changed under them)."""
    with connection.cursor() as cursor:
        _kept.pop(id(connection.connection), None)
        cursor.execute(_CREATE)
        cursor.execute(f"DELETE FROM {RANKED}")
