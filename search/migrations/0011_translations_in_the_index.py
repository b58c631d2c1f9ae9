"""Published translations in the search index (issue 18).

PostgreSQL: the row's ``translations`` (the languages of the practice's published
translations, which the search's translation arm tests) and a GIN index of the vectors of the
rows that have any (``searchdoc_translated``: the arm reads only those rows). A column with a
constant default and an index over no row yet: neither rewrites nor reads the table's rows,
at 100,000 practices as at ten. SQLite needs no new column: the full-text row's ``lang`` lists
the translations' languages too (``search.backends.sqlite.index``).

Only the practices with a published translation are then indexed again (a few, at most, when
this arrives), with the deployed indexer; when an older migration of the same run left a
full rebuild, that rebuild does it (``practices.migration_support``).
"""

from django.db import migrations


def add_translations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN IF NOT EXISTS translations text[] NOT NULL DEFAULT '{}'"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS searchdoc_translated ON search_searchdocument "
        "USING gin (vector) WHERE translations <> '{}'"
    )


def remove_translations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS searchdoc_translated")
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS translations")


def index_translated_practices(apps, schema_editor):
    from practices.migration_support import deferred_rebuild, reindex_or_defer

    # A rebuild that 0008 or 0010 left (their deployed indexer writes this migration's column)
    # covers the translated practices too.
    deferred_rebuild(schema_editor)

    translation = apps.get_model("practices", "PracticeTranslation")
    ids = set(
        translation.objects.filter(
            status="published",
            revision_of__isnull=True,
            practice__status="published",
            practice__revision_of__isnull=True,
        ).values_list("practice_id", flat=True)
    )
    if ids:
        reindex_or_defer(schema_editor, ids)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_evaluated_facet_column"),
        ("practices", "0015_translation_revisions_and_outdated_flag"),
    ]

    operations = [
        migrations.RunPython(add_translations, remove_translations),
        migrations.RunPython(index_translated_practices, migrations.RunPython.noop),
    ]
