""" "Did you mean" on PostgreSQL: the indexed words nearest to a reader's, by trigram similarity.

The vocabulary (``search.models.Vocabulary``: each word of the index's text, per content
language, with the number of practices using it) is kept by the index writer; migration
``0007_vocabulary_trigram`` gives it a ``pg_trgm`` GIN index, so ``word % %s`` (similarity above
``pg_trgm.similarity_threshold``, 0.3 by default) is an index scan. The nearest word wins; ties go
to the word more practices use, then to the reader's language.
"""

from django.db import connection

from ...models import Vocabulary

TABLE = Vocabulary._meta.db_table
# Words this short have too few trigrams to be told apart from their neighbours.
MIN_LENGTH = 4

_NEAREST = f"""
SELECT word FROM {TABLE}
WHERE word %% %s AND word <> %s
ORDER BY similarity(word, %s) DESC, documents DESC, (language = %s) DESC, word
LIMIT 1
"""  # noqa: S608 - the table name is a constant; the words travel as parameters


def nearest(words, language):
    """``{word: nearest indexed word}`` for each of ``words`` the vocabulary lacks.

    Words the vocabulary holds (in any content language) are left out, and so are words with
    no near neighbour.
    """
    wanted = list(dict.fromkeys(word.lower() for word in words if len(word) >= MIN_LENGTH))
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT word FROM {TABLE} WHERE word = ANY(%s)", [wanted])  # noqa: S608
        known = {row[0] for row in cursor.fetchall()}
        found = {}
        for word in wanted:
            if word in known:
                continue
            cursor.execute(_NEAREST, [word, word, word, language])
            row = cursor.fetchone()
            if row is not None:
                found[word] = row[0]
    return found
