"""SQLite only: the FTS5 full-text index ``search_fts`` and its term view ``search_fts_terms``.

See ``search.backends.sqlite.index``. Text is stemmed in Python before it reaches the table;
``unicode61 remove_diacritics 2`` only splits it into words (and would fold any accent left).
An existing database's index rows are copied in here, with the text the index writer gives
them (``practices.indexing``: the title; the summary and names; the body).
"""

from django.db import migrations

from search.backends.sqlite.analysis import indexed_text

CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, lang, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, row)",
]
DROP = ["DROP TABLE IF EXISTS search_fts_terms", "DROP TABLE IF EXISTS search_fts"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    documents = apps.get_model("search", "SearchDocument").objects.select_related("practice")
    rows = []
    for document in documents.iterator(chunk_size=1000):
        practice = document.practice
        body = "\n".join(
            [practice.description, practice.objectives, practice.results, practice.lessons]
        )
        texts = (document.title, f"{practice.summary}\n{document.names}", body)
        rows.append(
            (
                document.practice_id,
                *(indexed_text(text, document.language) for text in texts),
                document.language,
            )
        )
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, summary, body, lang) VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vocabulary")]

    operations = [migrations.RunPython(create, drop)]
