"""The SQLite search backend: FTS5 matches and ranks the words, the portable backend counts.

The FilterSet's text filter (``search.textfilter``) asks ``text_condition`` for the match and
the rank, so the page, the CSV export and the API all search the FTS5 table; the page's facet
counts are the portable backend's ORM counts over that matched set. Relevance is FTS5's
``bm25`` with PostgreSQL's weights for the title, the summary and names, and the body,
computed once per search (``ranks``).
"""

# SQL here is assembled from constants and column names only; user input always travels as a
# query parameter, never in the statement text.
# ruff: noqa: S608, S611

from contextlib import contextmanager

from django.db.models import FloatField, Q, Value
from django.db.models.expressions import RawSQL

from ... import vocabulary
from ...text import stem_words, words_of
from ..portable import PortableSearch
from . import index, ranks
from .analysis import match_expression

# A word found in at most this many practices may be a typo worth a suggestion.
FEW_HITS = 2


class SqliteSearch(PortableSearch):
    """The portable backend, with the FTS5 index for words (see the module docstring)."""

    @classmethod
    def text_condition(cls, model, text):
        """``(Q, rank)``: practices whose FTS5 row matches ``text``, ranked by bm25.

        bm25 is lower for better hits; the rank is its negation (higher first, as on
        PostgreSQL). Text with nothing searchable matches nothing.
        """
        expression = match_expression(text)
        if expression is None:
            return Q(pk__in=[]), Value(0.0, output_field=FloatField())
        key = ranks.ranked(expression)
        matched = Q(
            pk__in=RawSQL(f"SELECT practice_id FROM {ranks.RANKED} WHERE search = %s", [key])
        )
        rank = RawSQL(
            f"SELECT rank FROM {ranks.RANKED} WHERE search = %s "
            f'AND practice_id = "{model._meta.db_table}"."id"',
            [key],
            output_field=FloatField(),
        )
        return matched, rank

    @classmethod
    def suggest(cls, words, language):
        """``{word: nearest indexed word}`` for those of ``words`` found in few practices.

        A suggestion is a surface word of the vocabulary (``search.vocabulary``) within an
        edit or two whose stem the index holds in more practices than the word's own.
        """
        stems = {word: stem_words(words_of(word), language) for word in words}
        stems = {word: found[0] for word, found in stems.items() if len(found) == 1}
        own = index.documents_with(stems.values())
        few = [word for word, stem in stems.items() if own.get(stem, 0) <= FEW_HITS]
        candidates = vocabulary.nearest(few, language, limit=5) if few else {}
        wanted = {
            candidate: stem_words(words_of(candidate), language)[0]
            for found in candidates.values()
            for candidate in found
        }
        hits = index.documents_with(wanted.values())
        suggestions = {}
        for word, found in candidates.items():
            better = [c for c in found if hits.get(wanted[c], 0) > own.get(stems[word], 0)]
            if better:
                suggestions[word] = better[0]
        return suggestions

    # Index hooks: the FTS5 table follows every change of the index rows ----------------------

    @classmethod
    def write_columns(cls, rows):
        index.write(rows)
        ranks.forget()

    @classmethod
    @contextmanager
    def changes(cls, ids):
        yield
        index.remove_orphans(ids)
        ranks.forget()

    @classmethod
    def rebuild(cls, progress=None):
        index.remove_orphans()
        ranks.forget()
        return 0

    @classmethod
    @contextmanager
    def bulk_load(cls):
        yield
        index.optimise()
