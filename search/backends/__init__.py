"""The search backends, one per database, behind the contract of ``base.SearchBackend``.

``get_backend`` picks one by ``connection.vendor``: ``postgres`` (its own index columns, SQL
and precomputed top results) on PostgreSQL, ``sqlite`` (an FTS5 index, with the portable
backend's ORM facet counts) on SQLite, ``portable`` (the FilterSet plus ORM counts, with no
text index) anywhere else.
"""

from django.db import connection

from .portable import PortableSearch
from .postgres import PostgresSearch
from .sqlite import SqliteSearch

_BY_VENDOR = {"postgresql": PostgresSearch, "sqlite": SqliteSearch}


def get_backend():
    """The backend class for the default database."""
    return _BY_VENDOR.get(connection.vendor, PortableSearch)


def ranked_ids(practice_filter):
    """The text search of ``practice_filter`` as a lazily counted sequence of ids, or None.

    The results are the FilterSet's; None means "use the FilterSet" (see
    ``base.SearchBackend.ranked``).
    """
    return get_backend().ranked(practice_filter)
