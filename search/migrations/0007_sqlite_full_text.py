"""SQLite only: the FTS5 full-text index ``search_fts``, its term view ``search_fts_terms`` and
the facet memberships ``search_facetkey``.

See ``search.backends.sqlite.index`` and ``.facets``. Text is stemmed in Python before it
reaches the table; ``unicode61 remove_diacritics 2`` only splits it into words (and would fold
any accent left). An existing database's practices must be indexed again to fill them:
``manage.py load_default_data`` (which ``make run`` runs) does it, as does
``practices.indexing.update_search_index()``.
"""

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, lang, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, row)",
    "CREATE TABLE search_facetkey (practice_id INTEGER NOT NULL, key INTEGER NOT NULL, "
    "PRIMARY KEY (practice_id, key)) WITHOUT ROWID",
    "CREATE INDEX search_facetkey_key ON search_facetkey (key, practice_id)",
]
DROP = [
    "DROP TABLE IF EXISTS search_facetkey",
    "DROP TABLE IF EXISTS search_fts_terms",
    "DROP TABLE IF EXISTS search_fts",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vocabulary")]

    operations = [migrations.RunPython(create, drop)]
