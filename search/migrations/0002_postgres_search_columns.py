"""PostgreSQL-only search columns: a weighted tsvector and facet memberships as integer arrays.

The ORM model stays portable (SQLite has no tsvector or arrays); these columns are read and
written with SQL by the PostgreSQL backend, ``search.backends.postgres``. One GIN index per content
language, partial on ``language``, so a query parsed with each language's stemmer only visits
the documents written in that language.
"""

from django.db import migrations

CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
ARRAYS = ["theme_ids", "gcm_ids", "state_ids", "region_ids", "body_ids"]


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("ALTER TABLE search_searchdocument ADD COLUMN vector tsvector")
    for column in ARRAYS:
        execute(
            f"ALTER TABLE search_searchdocument ADD COLUMN {column} integer[] NOT NULL DEFAULT '{{}}'"
        )
    for code in CONFIGS:
        execute(
            f"CREATE INDEX searchdoc_vector_{code} ON search_searchdocument "
            f"USING gin (vector) WHERE language = '{code}'"
        )


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS searchdoc_vector_{code}")
    columns = ", ".join(f"DROP COLUMN {column}" for column in ["vector", *ARRAYS])
    schema_editor.execute(f"ALTER TABLE search_searchdocument {columns}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [migrations.RunPython(add_columns, drop_columns)]
