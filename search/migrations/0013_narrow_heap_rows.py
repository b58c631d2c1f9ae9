"""Index rows narrow on PostgreSQL: the long values stored out of line, the facets kept inline.

A search's count and facet counts read every hit's row. The weighted vector was already stored
out of line (TOAST), but ``names`` (the State, body and institution names in six languages,
about 1.3 KB, read only when the vector is written) stayed inside the row, and rows written
twice by the index writer left the table two-thirds empty: 100,117 documents took 415 MB, 4 KB
of table per row, so counting 6,000 hits read some 5,500 pages. With ``toast_tuple_target`` at its
minimum, PostgreSQL moves ``names`` out of line too; the columns that searches read (title,
facet arrays, translations) are stored ``PLAIN`` so that they are never compressed or moved
out of line to reach that target. ``CLUSTER`` rewrites the existing rows (and the indexes)
that way, in primary key order: 43 MB, 423 bytes a row at 100,117 documents, in 2 min 18 s here,
holding the table's lock meanwhile (``docs/deployment.md``).
"""

from django.db import migrations

TABLE = "search_searchdocument"
# What searches read of a row: kept whole in it (none is longer than a few hundred bytes).
INLINE = (
    "language",
    "title",
    "stage",
    "evaluated",
    "theme_ids",
    "gcm_ids",
    "state_ids",
    "region_ids",
    "body_ids",
    "principle_ids",
    "sdg_ids",
    "facet_keys",
    "translations",
)


def _statements(target, storage, cluster):
    columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in INLINE)
    return [f"ALTER TABLE {TABLE} {target}, {columns}", cluster]


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        cluster = f"CLUSTER {TABLE} USING {TABLE}_pkey"
        for sql in _statements("SET (toast_tuple_target = 128)", "PLAIN", cluster):
            schema_editor.execute(sql)


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        unmark = f"ALTER TABLE {TABLE} SET WITHOUT CLUSTER"
        for sql in _statements("RESET (toast_tuple_target)", "EXTENDED", unmark):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0012_facet_keys_index")]

    operations = [migrations.RunPython(narrow, widen)]
