"""The SQLite search backend: FTS5 matches and ranks the words, narrow tables count the facets.

The search page and the API's text search are answered here (``facets.Statements``: the
search's ranks, the index rows and their facet keys, cached until the next publication as on
PostgreSQL); the FilterSet's text filter (``search.textfilter``) asks ``text_condition`` for
the same match and rank, so the CSV export and every other listing search the same FTS5
table, with the same results in the same order. Relevance is FTS5's
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
from ...text import fold, stem_words, words_of
from ..base import OWN_ITEMS, CachedAnswers, Found, SearchBackend, paginate
from . import facets as memberships
from . import index, ranks
from .analysis import match_expression

# A word found in at most this many practices may be a typo worth a suggestion: of a word one
# edit away found in ``MORE_HITS`` times as many (a word found nowhere: of any near word found).
FEW_HITS = 2
MORE_HITS = 10


def _better(word, candidate, hits, candidate_hits):
    """Whether ``candidate`` is worth suggesting for ``word`` (found in ``hits`` practices)."""
    if hits == 0:
        return candidate_hits > 0
    near = vocabulary.distance(fold(word), fold(candidate), 1) <= 1
    return near and candidate_hits >= MORE_HITS * hits


class SqliteSearch(CachedAnswers, SearchBackend):
    """Search over the FTS5 index and the narrow tables (see the module docstring)."""

    def answers(self):
        """The search's statements, its words' ranks written first (``ranks``)."""
        ranked = None
        if self.criteria.text:
            expression = match_expression(self.criteria.text)
            # Nothing searchable (stop words, exclusions only) matches nothing, as on PostgreSQL.
            ranked = ranks.ranked(expression) if expression else None
        return memberships.Statements(self.criteria, ranked)

    def run(self, page_number, page_size, facets, cards=None):
        cards = cards or OWN_ITEMS
        counts = self.cached_facet_counts() if facets else None
        total = counts.pop("total") if facets else self.cached_count()
        page = paginate(self.ids(total, cards.load), page_size, page_number)
        return Found(page=page, count=total, facets=counts, criteria=self.criteria)

    @classmethod
    def ranked(cls, practice_filter):
        """The API's text search, answered like the page's (same practices, same order)."""
        engine = cls(practice_filter)
        if not engine.criteria.text:
            return None
        return engine.ids(engine.cached_count())

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
        edit or two whose stem the index holds: for a word found nowhere, in any practice;
        for a word found in a few, one edit away and in ten times as many (``_better``).
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
            found_here = own.get(stems[word], 0)
            better = [c for c in found if _better(word, c, found_here, hits.get(wanted[c], 0))]
            if better:
                suggestions[word] = better[0]
        return suggestions

    # Index hooks: the FTS5 table follows every change of the index rows ----------------------

    @classmethod
    def write_columns(cls, rows):
        index.write(rows)
        memberships.write(rows)
        ranks.forget()

    @classmethod
    @contextmanager
    def changes(cls, ids):
        yield
        index.remove_orphans(ids)
        memberships.remove_orphans(ids)
        ranks.forget()

    @classmethod
    def rebuild(cls, progress=None):
        index.remove_orphans()
        memberships.remove_orphans()
        ranks.forget()
        return 0

    @classmethod
    @contextmanager
    def bulk_load(cls):
        yield
        index.optimise()
