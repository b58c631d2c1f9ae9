"""The index columns only PostgreSQL has: the weighted ``tsvector`` and the facet arrays.

The ORM writes a ``SearchDocument``'s own fields; ``write`` then fills what migration
``0002_postgres_search_columns`` added, from the same ``search.schema.Document`` rows, and
``translations`` (``0011_translations_in_the_index``): the languages of the practice's
published translations, whose A, B, C text is added to ``vector`` parsed with each one's own
configuration (``search.schema.TRANSLATION_CONFIGS``).
"""

# SQL here is assembled from constants only; data always travels as query parameters.
# ruff: noqa: S608

from contextlib import contextmanager

from django.db import connection
from psycopg2.extras import execute_values

from ...schema import (
    ARRAY_COLUMNS,
    DECADES,
    FACET_KEY_BASE,
    FACETS,
    TEXT_SEARCH_CONFIGS,
    TRANSLATION_CONFIGS,
    UNDATED,
    active_in_sql,
)


def _keys_of(facet):
    """SQL for the ``facet_keys`` entries of one facet (values offset by its code)."""
    offset = facet.code * FACET_KEY_BASE
    if facet.array:
        return f"ARRAY(SELECT {offset} + v FROM unnest({facet.column}) v)"
    if facet.groups:
        values = " ".join(
            f"WHEN '{value}' THEN ARRAY[{offset + facet.position(value)}]" for value in facet.values
        )
        return f"CASE {facet.column} {values} ELSE '{{}}'::integer[] END"
    if facet.name == "year":
        active = active_in_sql("decade", "decade + 9")
        undated = active_in_sql(undated=True)
        return (
            f"ARRAY(SELECT {offset} + decade FROM unnest(%s::integer[]) decade WHERE {active}) "
            f"|| CASE WHEN {undated} THEN ARRAY[{offset + UNDATED}] ELSE '{{}}'::integer[] END"
        )
    return f"ARRAY[{offset} + {facet.column}::integer]"


# Every facet membership of a row, and key 0 (the total); the one parameter is ``DECADES``.
FACET_KEYS_SQL = " || ".join(["ARRAY[0]", *(_keys_of(facet) for facet in FACETS)])
_ARRAYS = ", ".join(f"{column} = v.{column}::integer[]" for column in ARRAY_COLUMNS)
_WEIGHTED = (
    "setweight(to_tsvector(v.config::regconfig, v.a), 'A') "
    "|| setweight(to_tsvector(v.config::regconfig, v.b), 'B') "
    "|| setweight(to_tsvector(v.config::regconfig, v.c), 'C')"
)
_PG_UPDATE = f"""
UPDATE search_searchdocument AS d SET
    vector = {_WEIGHTED},
    translations = v.translations::text[],
    {_ARRAYS}
FROM (VALUES %s) AS v(practice_id, config, a, b, c, translations, {", ".join(ARRAY_COLUMNS)})
WHERE d.practice_id = v.practice_id
"""
# One translation of each row in ``v``: a row is updated once per statement, so its k-th
# translation is added by the k-th statement.
_PG_ADD_TRANSLATION = f"""
UPDATE search_searchdocument AS d SET vector = d.vector || {_WEIGHTED}
FROM (VALUES %s) AS v(practice_id, config, a, b, c) WHERE d.practice_id = v.practice_id
"""


# Every column ``write`` fills that the ORM does not know: a migration may rebuild the index
# with this code only once they all exist (``practices.migration_support.live_schema_ready``).
RAW_COLUMNS = ("vector", "translations", *ARRAY_COLUMNS, "facet_keys")


def write(documents):
    """Fill the PostgreSQL-only columns of the just-written rows of ``documents``."""
    values = [
        (
            document.practice_id,
            TEXT_SEARCH_CONFIGS.get(document.language, TEXT_SEARCH_CONFIGS["en"]),
            *document.weighted,
            [language for language, _text in document.translations],
            *(document.arrays[column] for column in ARRAY_COLUMNS),
        )
        for document in documents
    ]
    rounds = max((len(document.translations) for document in documents), default=0)
    with connection.cursor() as cursor:
        execute_values(cursor.cursor, _PG_UPDATE, values, page_size=200)
        for k in range(rounds):
            translated = [
                (document.practice_id, TRANSLATION_CONFIGS[language], *text)
                for document in documents
                if len(document.translations) > k
                for language, text in [document.translations[k]]
            ]
            execute_values(cursor.cursor, _PG_ADD_TRANSLATION, translated, page_size=200)
        cursor.execute(
            f"UPDATE search_searchdocument SET facet_keys = {FACET_KEYS_SQL} "
            "WHERE practice_id = ANY(%s)",
            [list(DECADES), [document.practice_id for document in documents]],
        )


@contextmanager
def text_indexes_suspended():
    """Drop the text indexes for a bulk load and build them again afterwards.

    Building a GIN or RUM index once over 100,000 rows is many times faster than updating it
    row by row (a RUM index especially). For ``generate_practices``; never while serving.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
            "'search_searchdocument' AND indexdef ~* 'USING (gin|rum) '"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
