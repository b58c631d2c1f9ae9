"""Accent-insensitive text search, names in every language, and undated practices apart.

On PostgreSQL: the project's own text-search configurations ``gfmd_english``, ``gfmd_french``
and ``gfmd_spanish``, copies of PostgreSQL's ``english``, ``french`` and ``spanish`` that pass
words through ``unaccent`` before the stemmer (``search.schema.TEXT_SEARCH_CONFIGS``). The
RUM (or GIN) indexes of ``0003`` index the stored vector whatever made it, so they stay.

The index is derived data: where it has rows, they are rebuilt here with the indexer of the
code being deployed (``practices.indexing.update_search_index``), which writes the vectors with
the new configurations, the taxonomy names in every site language and the undated practices'
own year-facet key; cached public reads are made stale. A large index takes a while. (Applied
together with later migrations adding columns the indexer reads, it leaves the rebuild to the
last one: ``practices.migration_support``.)
"""

from django.db import migrations

CONFIGS = {"gfmd_english": "english", "gfmd_french": "french", "gfmd_spanish": "spanish"}
# The token types PostgreSQL's parser gives to words with non-ASCII letters (ASCII-only words
# have no accent to remove).
ACCENTED = "hword, hword_part, word"


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        execute = schema_editor.execute
        execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, base in CONFIGS.items():
            execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})")
            execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {ACCENTED} "
                f"WITH unaccent, {base}_stem"
            )
    if apps.get_model("search", "SearchDocument").objects.exists():
        from practices.migration_support import rebuild_or_defer

        # With later migrations adding columns the deployed indexer reads still to run, one of
        # them rebuilds (``search.0010``).
        rebuild_or_defer(schema_editor)


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in CONFIGS:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_vocabulary_trigram"),
        ("practices", "0006_practice_removal"),
        ("states", "0002_questionnaireparticipation_to_questionnaires"),
    ]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
