"""Use RUM indexes for the text search where PostgreSQL has the extension.

RUM (Debian package ``postgresql-15-rum``) keeps word positions in the index, so the top hits
come out in rank order (``vector <=> query``) without reading every matching row. Where the
extension is not installed (or may not be created), nothing changes and the GIN indexes of
``0002`` stay: ``search.backends.postgres`` looks up which indexes exist and ranks accordingly. After
installing the package later: ``manage.py migrate search 0002 && manage.py migrate search``.
"""

from django.db import DatabaseError, migrations, transaction

LANGUAGES = ("en", "fr", "es")


def use_rum(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError:
        return  # Not allowed to create extensions here: keep the GIN indexes.
    for code in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS searchdoc_rum_{code} ON search_searchdocument "
            f"USING rum (vector rum_tsvector_ops) WHERE language = '{code}'"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS searchdoc_vector_{code}")


def use_gin(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS searchdoc_vector_{code} ON search_searchdocument "
            f"USING gin (vector) WHERE language = '{code}'"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS searchdoc_rum_{code}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search_columns")]

    operations = [migrations.RunPython(use_rum, use_gin)]
