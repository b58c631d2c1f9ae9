"""The index's vocabulary of surface words, for "did you mean": kept by the writer, searched here.

``record`` is called by ``search.indexing`` with every chunk of documents it writes: each
readable word (letters only, 3 to 64 of them, lower-cased, accents kept) of a document's text
counts that document once in ``Vocabulary.documents``. A full reindex starts the counts afresh
(``clear``); a practice indexed again in between counts again, which only tilts suggestions
towards words of practices that changed (each engine checks a suggestion against its index).

``nearest`` is the portable look-up, by edit distance: the words of one language within one or
two edits (a transposition is one) of each word asked about. PostgreSQL's backend may answer
the same question with ``pg_trgm`` over the same table.
"""

# SQL here is assembled from constants only; data always travels as query parameters.
# ruff: noqa: S608

import re
from collections import Counter

from django.db import connection
from django.db.models.functions import Length

from .models import Vocabulary
from .text import fold

_READABLE = re.compile(r"[^\W\d_]{3,64}")
# Rows per INSERT statement: 3 parameters each, under every database's limit.
_BATCH = 300
_UPSERT = (
    "INSERT INTO search_vocabulary (word, language, documents) VALUES {values} "
    "ON CONFLICT (word, language) DO UPDATE "
    "SET documents = search_vocabulary.documents + excluded.documents"
)


def readable_words(text):
    """The distinct words of ``text`` worth suggesting (lower-cased, accents kept)."""
    return {word.lower() for word in _READABLE.findall(text or "")}


def record(documents):
    """Count each word of ``documents`` (``search.schema.Document``) once per document and
    language (its own, each published translation's)."""
    counts = Counter()
    for document in documents:
        # A published translation's words are words of its language (a Spanish reader's
        # "did you mean" may offer them).
        for language, weighted in [(document.language, document.weighted), *document.translations]:
            found = set()
            for text in weighted:
                found |= readable_words(text)
            counts.update((word, language) for word in found)
    rows = [(word, language, n) for (word, language), n in sorted(counts.items())]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            values = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(_UPSERT.format(values=values), [value for row in batch for value in row])


def clear():
    """Forget every word (before a full reindex counts them again)."""
    Vocabulary.objects.all().delete()


def max_edits(word):
    """How many edits a suggestion may be from ``word``: one for short words, else two."""
    return 1 if len(word) <= 4 else 2


def distance(a, b, limit):
    """The optimal-string-alignment distance of ``a`` and ``b``, or ``limit + 1`` beyond it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _candidates(word, language, prefix, edits):
    """(word, documents) of ``language`` starting with ``prefix``, of a length within reach."""
    return (
        Vocabulary.objects.filter(
            language=language, word__gte=prefix, word__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1)
        )
        .annotate(length=Length("word"))
        .filter(length__gte=len(word) - edits, length__lte=len(word) + edits)
        .values_list("word", "documents")
    )


def nearest(words, language, limit=1):
    """``{word: [up to limit words of the vocabulary, nearest first]}`` for each of ``words``.

    Candidates are words of ``language`` within ``max_edits`` (accents and case aside) that
    share the first two letters (a longer word), else the first; the nearer, then the more
    frequent, come first. A word's own spellings (equal once folded) are never suggested.
    Words without a candidate are left out.
    """
    found = {}
    for word in words:
        folded = fold(word)
        if len(folded) < 3:
            continue
        edits = max_edits(folded)
        lowered = word.lower()
        # Most typos keep the first letters: trying those first spares comparing thousands.
        prefixes = (lowered[:2], lowered[:1]) if len(folded) >= 5 else (lowered[:1],)
        scored = []
        for prefix in prefixes:
            for candidate, documents in _candidates(word, language, prefix, edits):
                other = fold(candidate)
                if other == folded:
                    continue
                edit = distance(folded, other, edits)
                if edit <= edits:
                    scored.append((edit, -documents, candidate))
            if scored:
                break
        if scored:
            found[word] = [candidate for _edit, _documents, candidate in sorted(scored)[:limit]]
    return found
