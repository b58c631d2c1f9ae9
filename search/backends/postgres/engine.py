"""The PostgreSQL search backend: the engine that runs ``sql``'s statements, cached.

The total and every facet count come from one statement (cached until the next publication),
a page of ids from another; precomputed top results (``toplists``, this backend's own derived
data) answer the most expensive text queries. Facet counts are disjunctive: the counts of one
facet ignore that facet's own selection (values of one facet are alternatives, facets combine
with AND), so a count always equals the number of results after ticking that value alone in
its facet.
"""

# SQL here is assembled from constants and column names only; user input always travels as a
# query parameter, never in the statement text.
# ruff: noqa: S608, S611

import functools
from collections import Counter
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import FloatField, Q
from django.db.models.expressions import RawSQL

from core.cache import cached

from ...criteria import Criteria
from ...schema import FACET_CODES, FACET_KEY_BASE, TEXT_SEARCH_CONFIGS, counts_from_keys
from ..base import OWN_ITEMS, CachedAnswers, Found, SearchBackend, paginate
from . import columns, suggest, toplists
from .sql import (
    PLANNER_SETTINGS,
    TRANSLATED,
    Statements,
    indexable_languages,
    rum_indexes_present,
)
from .translated import indexed_translation_languages


class PostgresSearch(Statements, CachedAnswers, SearchBackend):
    """Search over the narrow index table; see the module docstring.

    ``ranking`` is ``"rum"`` when the RUM indexes exist (``0003_rum_indexes``): relevance then
    comes in index order (``vector <=> query``) instead of computing ``ts_rank`` for every hit.
    ``"ts_rank"`` is the plain GIN path, used where the extension is absent.
    """

    def __init__(self, practice_filter=None, criteria=None, ranking=None, top_results=True):
        super().__init__(practice_filter, criteria)
        self.ranking = ranking or ("rum" if rum_indexes_present() else "ts_rank")
        # The translations' languages the words can be searched in; the content languages,
        # and the translation arm when there is one (``sql``).
        indexable = indexable_languages(self.criteria.text) if self.criteria.text else []
        self.languages = [code for code in indexable if code in TEXT_SEARCH_CONFIGS]
        self.translated = []
        if indexable:
            present = set(indexed_translation_languages())
            self.translated = [code for code in indexable if code in present]
        if self.translated:
            self.languages.append(TRANSLATED)
        self.top_results = top_results
        # Hits counted live (outside ``tops``): enough of them and the query is worth a row.
        self.live_hits = 0

    @functools.cached_property
    def tops(self):
        """Precomputed heads of expensive queries, per content language (``toplists``):
        read only when something is computed, not when every answer comes from the cache."""
        if self.top_results and self.languages and self.ranking == "rum":
            return toplists.lookup(self.criteria.text)
        return {}

    def learn(self):
        """Precompute the top results of this query if counting it live was that costly."""
        if self.ranking == "rum" and self.unfiltered() and self.live_hits >= toplists.MIN_HITS:
            content = [code for code in self.live_languages if code != TRANSLATED]
            toplists.learn(self.criteria.text, content, self.live_hits)

    @contextmanager
    def planned(self):
        """A transaction with the planner settings the search statements are tuned for.

        Nested uses join the outer transaction (no savepoint round trips): the setting
        holds until that one ends.
        """
        with transaction.atomic(savepoint=False):
            if self.criteria.text:
                with connection.cursor() as cursor:
                    cursor.execute(PLANNER_SETTINGS)
            yield

    def run(self, page_number, page_size, facets, cards=None):
        cards = cards or OWN_ITEMS
        counts = self.cached_facet_counts() if facets else None
        total = counts.pop("total") if facets else self.cached_count()
        page = paginate(self.ids(total, cards.load), page_size, page_number)
        self.learn()
        return Found(page=page, count=total, facets=counts, criteria=self.criteria)

    @classmethod
    def ranked(cls, practice_filter):
        """On PostgreSQL, a text search is ranked here (index-ordered ranking, one count)
        instead of by the FilterSet's ORM query, which ranks every hit."""
        engine = cls(practice_filter)
        if not engine.criteria.text:
            return None
        total = engine.cached_count()
        engine.learn()
        return engine.ids(total)

    @classmethod
    def suggest(cls, words, language):
        """Nearest indexed words by trigram similarity (``suggest``)."""
        return suggest.nearest(words, language)

    @classmethod
    def text_condition(cls, model, text):
        """The FilterSet's text match and rank, through the index (for ``search.textfilter``)."""
        engine = cls(criteria=Criteria(text=text), top_results=False)
        match, params = engine.text_match()
        score, score_params = engine.relevance()
        table = model._meta.db_table
        matched = Q(
            pk__in=RawSQL(
                f"SELECT d.practice_id FROM search_searchdocument d WHERE {match}", params
            )
        )
        rank = RawSQL(
            f'SELECT {score} FROM search_searchdocument d WHERE d.practice_id = "{table}"."id"',
            score_params,
            output_field=FloatField(),
        )
        return matched, rank

    # Index hooks: the columns the ORM does not know about, and the top results ---------------

    @classmethod
    def write_columns(cls, rows):
        columns.write(rows)

    @classmethod
    def changes(cls, ids):
        return toplists.changes(ids)

    @classmethod
    def forget(cls):
        toplists.forget()

    @classmethod
    def rebuild(cls, progress=None):
        return toplists.rebuild(progress)

    @classmethod
    def bulk_load(cls):
        return columns.text_indexes_suspended()

    # Answers ----------------------------------------------------------------------------------

    def page_ids(self, offset, limit):
        if self.criteria.text and not self.languages:
            return []
        return [row[0] for row in self._fetch(*self.page_sql(offset, limit))]

    def count(self):
        key = self._stored_count_key() if self.tops else None
        if key is None:
            self.live_hits = self._fetch(*self.count_sql())[0][0]
            return self.live_hits
        live = self._fetch(*self.count_sql(self.live_languages))[0][0] if self.live_languages else 0
        if key == 0:
            self.live_hits = live
        return live + sum(top.facet_counts.get(str(key), 0) for top in self.tops.values())

    # Cached answers (``CachedAnswers``): each is cached until the next publication and shared
    # by the search page and the API, computed under the planner settings.

    def compute(self, key, function):
        """``function()`` under the search statements' planner settings, cached under ``key``."""

        def under_planner():
            with self.planned():
                return function()

        return cached(key, under_planner)

    def _facet_rows(self):
        """(facet key, count) pairs: from ``tops`` rows where they serve, live otherwise."""
        apart = self._facet_counted_by_tops()
        if apart is not None:
            # The selected facet's own counts ignore its selection: they are the stored
            # counts of every hit. The other facets are counted live among the selected hits.
            tally = self._stored_counts(FACET_CODES[apart])
            tally.update(dict(self._fetch(*self.facet_sql(counted_apart=apart))))
            return tally.items()
        if not (self.tops and self.unfiltered()):
            rows = self._fetch(*self.facet_sql())
            self.live_hits = dict(rows).get(0, 0)
            return rows
        tally = self._stored_counts()
        if self.live_languages:
            live = dict(self._fetch(*self.facet_sql(self.live_languages)))
            self.live_hits = live.get(0, 0)
            tally.update(live)
        return tally.items()

    def _stored_counts(self, code=None):
        """The ``tops`` rows' facet counts added up (only facet ``code``'s, if given)."""
        tally = Counter()
        for top in self.tops.values():
            for key, n in top.facet_counts.items():
                if code is None or int(key) // FACET_KEY_BASE == code:
                    tally[int(key)] += n
        return tally

    def _facet_counted_by_tops(self):
        """The one selected facet whose counts ``tops`` hold, or None.

        ``tops`` count every hit of their language; a body (not a facet) would narrow them.
        """
        if not self.tops or self.criteria.selections["body"]:
            return None
        selected = [name for name in FACET_CODES if self.criteria.is_selected(name)]
        return selected[0] if len(selected) == 1 else None

    def facet_counts(self):
        """The total and every facet's counts (see ``facet_sql``)."""
        return counts_from_keys(self._facet_rows())
