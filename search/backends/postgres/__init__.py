"""The PostgreSQL backend: ``sql`` (statements), ``engine`` (running them, cached), ``columns``
(the index columns only PostgreSQL has) and ``toplists`` (its precomputed top results)."""

from .engine import PostgresSearch

__all__ = ["PostgresSearch"]
