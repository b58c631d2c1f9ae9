"""PostgreSQL only: a trigram index over the vocabulary, for "did you mean" suggestions.

``search.backends.postgres.suggest`` finds the indexed words nearest to a reader's word by
trigram similarity (``pg_trgm``'s ``%`` and ``similarity``); the GIN index answers that without
reading every word. SQLite's suggestions need neither.
"""

from django.db import migrations


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS vocabulary_word_trgm ON search_vocabulary "
        "USING gin (word gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS vocabulary_word_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vocabulary")]

    operations = [migrations.RunPython(add_trigram_index, drop_trigram_index)]
