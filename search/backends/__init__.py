"""The search backends, one per database, behind the contract of ``base.SearchBackend``.

``get_backend`` picks one by ``connection.vendor``: ``postgres`` (its own index columns, SQL
and precomputed top results) on PostgreSQL, ``portable`` (the FilterSet plus ORM counts)
anywhere else.
"""

from django.db import connection

from .portable import PortableSearch
from .postgres import PostgresSearch


def get_backend():
    """The backend class for the default database."""
    return PostgresSearch if connection.vendor == "postgresql" else PortableSearch


def ranked_ids(practice_filter):
    """The text search of ``practice_filter`` as a lazily counted sequence of ids, or None.

    The results are the FilterSet's; None means "use the FilterSet" (see
    ``base.SearchBackend.ranked``).
    """
    return get_backend().ranked(practice_filter)
