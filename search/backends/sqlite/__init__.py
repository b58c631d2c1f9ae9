"""The SQLite backend: FTS5 full-text search with Snowball stems (see ``engine``)."""

from .engine import SqliteSearch

__all__ = ["SqliteSearch"]
