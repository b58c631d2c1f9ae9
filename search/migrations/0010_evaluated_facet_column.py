"""The "Evaluated" facet's column, and its key for the rows indexed before it.

Every practice indexed so far has no evaluation type (the field arrives with this change, and
the paper gives none): each row is "not given", the facet's third value, so its facet key
(code 10, position 3; frozen here as a migration must be) is added to ``facet_keys``
(PostgreSQL), to ``search_facetkey`` (SQLite; its bodies' keys, which were under code 10, move
to a code of their own first) and, as a count equal to the hits, to every stored top result. Later saves index the real value (``search.indexing``).

An index migrated from before ``0008`` in the same run was not rebuilt there (the deployed
indexer reads the columns added here and by ``practices.0011``): it is rebuilt here instead
(``practices.migration_support``).
"""

from django.db import migrations, models

CODE_KEYS = (10 * 100_000_000, 11 * 100_000_000)  # every key of the facet (code 10)
NOT_GIVEN_KEY = CODE_KEYS[0] + 3
# SQLite's index kept the bodies' keys under "the highest facet code + 1", 10 until now: they
# move to a code of their own (``search.backends.sqlite.facets.BODY_CODE``) before code 10 is
# the facet's.
OLD_BODY_CODE, BODY_CODE = 10, 99
BODY_SHIFT = (BODY_CODE - OLD_BODY_CODE) * 100_000_000


def _without_text_indexes(connection, change):
    """Run ``change`` (SQL rewriting every row) with the table's RUM and GIN indexes dropped,
    then build them again: each rewritten row is otherwise one insert into each of them, which
    at 100,000 practices took more than 15 minutes; one build each takes a fraction of that."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'"
            " AND indexdef ~* 'USING (rum|gin) '"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        change(cursor)
        for _name, definition in indexes:
            cursor.execute(definition)


def add_not_given(apps, schema_editor):
    # The column itself arrives filled ("not_given" is its default in the AddField below).
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        _without_text_indexes(
            connection,
            lambda cursor: cursor.execute(
                "UPDATE search_searchdocument SET facet_keys = facet_keys || ARRAY[%s]"
                " WHERE NOT facet_keys @> ARRAY[%s]",
                [NOT_GIVEN_KEY, NOT_GIVEN_KEY],
            ),
        )
        TopResults = apps.get_model("search", "TopResults")
        for row in TopResults.objects.all():
            row.facet_counts[str(NOT_GIVEN_KEY)] = row.hits
            row.save(update_fields=["facet_counts"])
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            "UPDATE search_facetkey SET key = key + %s WHERE key >= %s AND key < %s",
            [BODY_SHIFT, *CODE_KEYS],
        )
        schema_editor.execute(
            "INSERT OR IGNORE INTO search_facetkey (practice_id, key) SELECT practice_id, %s"
            " FROM search_searchdocument",
            [NOT_GIVEN_KEY],
        )


def rebuild_if_left_by_0008(apps, schema_editor):
    from practices.migration_support import deferred_rebuild

    deferred_rebuild(schema_editor)


def remove_facet_keys(apps, schema_editor):
    """Back to before the facet: none of its keys is left."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        _without_text_indexes(
            connection,
            lambda cursor: cursor.execute(
                "UPDATE search_searchdocument SET facet_keys = ARRAY(SELECT k FROM "
                "unnest(facet_keys) k WHERE NOT (k >= %s AND k < %s))",
                list(CODE_KEYS),
            ),
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            "DELETE FROM search_facetkey WHERE key >= %s AND key < %s", list(CODE_KEYS)
        )
        schema_editor.execute(
            "UPDATE search_facetkey SET key = key - %s WHERE key >= %s AND key < %s",
            [BODY_SHIFT, CODE_KEYS[0] + BODY_SHIFT, CODE_KEYS[1] + BODY_SHIFT],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_merge_parallel_work"),
        ("practices", "0013_evidence_and_adapted_from"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="evaluated",
            # A constant default fills every row at once (PostgreSQL: no rewrite of the table).
            field=models.CharField(
                blank=True, default="not_given", max_length=12, verbose_name="evaluated"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(add_not_given, remove_facet_keys),
        migrations.RunPython(rebuild_if_left_by_0008, migrations.RunPython.noop),
    ]
