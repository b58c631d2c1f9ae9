"""SQLite's full-text index: the FTS5 table ``search_fts``, one row per index row.

Migration ``0007_sqlite_full_text`` creates it (on SQLite only): columns ``title``, ``summary``,
``body`` (the A, B and C text of ``search.schema.Document.weighted``, stemmed by ``analysis``,
then that of each published translation, stemmed in its own language) and ``lang`` (the
content language, then the translations' languages), ``rowid`` = the practice's id; and
``search_fts_terms``,
an ``fts5vocab`` view of its terms with their document counts (read by "did you mean").
FTS5 stores the stemmed text itself (SQLite 3.40 has no contentless deletes), a few KB per
practice.
"""

# SQL here is assembled from constants only; data always travels as query parameters.
# ruff: noqa: S608

import json

from django.db import connection

from .analysis import TEXT_COLUMNS, indexed_text, lang_token

TABLE = "search_fts"
TERMS = "search_fts_terms"
_COLUMNS = ", ".join(TEXT_COLUMNS)
_PLACEHOLDERS = ", ".join(["%s"] * len(TEXT_COLUMNS))


def write(documents):
    """Replace the full-text rows of ``documents`` (``search.schema.Document``) by their text."""
    rows = [_row(document) for document in documents]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid IN (SELECT value FROM json_each(%s))",
            [json.dumps([row[0] for row in rows])],
        )
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, {_COLUMNS}, lang) VALUES (%s, {_PLACEHOLDERS}, %s)",
            rows,
        )


def _row(document):
    """The FTS5 row of ``document``: its text and its translations', then their languages."""
    texts = [(document.language, document.weighted), *document.translations]
    columns = [
        " ".join(indexed_text(weighted[k], language) for language, weighted in texts)
        for k in range(len(TEXT_COLUMNS))
    ]
    return (document.practice_id, *columns, " ".join(lang_token(code) for code, _ in texts))


def remove_orphans(ids=None):
    """Drop the full-text rows (of ``ids``, or all) whose index row is gone."""
    among = "" if ids is None else "rowid IN (SELECT value FROM json_each(%s)) AND "
    params = [] if ids is None else [json.dumps(sorted(ids))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE {among}"
            "rowid NOT IN (SELECT practice_id FROM search_searchdocument)",
            params,
        )


def optimise():
    """Merge FTS5's segments into one (after a bulk load: faster queries)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")


def documents_with(stems):
    """``{stem: number of indexed practices holding it}`` for ``stems`` (absent: none)."""
    if not stems:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, doc FROM {TERMS} WHERE term IN (SELECT value FROM json_each(%s))",
            [json.dumps(sorted(set(stems)))],
        )
        return dict(cursor.fetchall())
