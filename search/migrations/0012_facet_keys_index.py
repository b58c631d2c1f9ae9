"""A GIN index of ``facet_keys`` (PostgreSQL), for listings chosen by facets alone.

A listing without words (``?theme=…&region=…``, a theme or State page's "see all") tested each
selected facet's column on every row: three sequential scans of the 100,000-row table for its
facet counts (~225 ms) and one more for its count. The facet conditions of such a listing now
test ``facet_keys``, which this index serves (the same listing: ~90 ms, its count ~4 ms). Text
searches keep testing the facets' own columns, which no index serves, so that their plans still
start from the words (``search.backends.postgres.sql``). Building it reads the table once
(under a second at 100,000 practices here) and rewrites no row.
"""

from django.db import migrations


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchdoc_facet_keys ON search_searchdocument "
            "USING gin (facet_keys)"
        )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_facet_keys")


class Migration(migrations.Migration):
    dependencies = [("search", "0011_translations_in_the_index")]

    operations = [migrations.RunPython(add_index, remove_index)]
