"""The search engines behind the public search page, and the text filter of the FilterSet.

Two implementations of one contract, chosen by database vendor:

* ``PostgresSearch`` reads only the narrow ``search_searchdocument`` table: the text match
  uses per-language RUM (or GIN) indexes (``websearch_to_tsquery`` with that language's
  stemmer); relevance comes in RUM index order, or from ``ts_rank`` where RUM is absent; the
  total and every facet count come from ONE statement (cached until the next publication).
  Snippets come from ``ts_headline`` on the page's rows only.
* ``PortableSearch`` (SQLite and anything else) is the FilterSet itself plus ORM counts: simpler
  and slower, with the same results.

Facet counts are disjunctive: the counts of one facet ignore that facet's own selection (values
of one facet are alternatives, facets combine with AND), so a count always equals the number of
results after ticking that value alone in its facet.
"""

# SQL here is assembled from constants and column names only; user input always travels as a
# query parameter, never in the statement text.
# ruff: noqa: S608, S611

import functools
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left

from core.cache import cached, peek, search_count_key, search_facets_key, search_ids_key
from practices.managers import CARD_FIELDS
from practices.models import Practice
from practices.relations import attach_card_relations

from . import text as search_text
from . import toplists
from .indexing import DECADES, FACET_CODES, FACET_KEY_BASE, STAGES, TEXT_SEARCH_CONFIGS

PAGE_SIZE = 20
# Facet name -> the query-string parameters that select it.
FACET_PARAMS = {
    "theme": ("theme",),
    "pillar": ("pillar",),
    "gcm": ("gcm",),
    "region": ("region",),
    "state": ("state",),
    "stage": ("stage",),
    "year": ("year_from", "year_to"),
}
ORDERINGS = ("relevance", "newest", "title", "year")
# Fields the portable text search reads on the practice row itself.
TEXT_FIELDS = ("title", "summary", "description", "objectives", "results", "lessons")
TEXT_WEIGHTS = {"title": 10, "summary": 3, "description": 1}


def searchable():
    """Published practices that are in the search index: what the search page lists."""
    return Practice.objects.published().filter(search_document__isnull=False)


@dataclass
class Criteria:
    """What the search page asks for, read from a validated ``PracticeFilter`` form."""

    text: str = ""
    theme: list = field(default_factory=list)
    pillar: list = field(default_factory=list)
    gcm: list = field(default_factory=list)
    region: list = field(default_factory=list)
    state: list = field(default_factory=list)
    body: list = field(default_factory=list)
    stage: list = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    ordering: str = ""

    @classmethod
    def from_filter(cls, practice_filter):
        # Invalid fields are left out, exactly as django-filter leaves them out of ``.qs``.
        practice_filter.is_valid()
        data = getattr(practice_filter.form, "cleaned_data", {})

        def pks(name):
            # Iterate, never test the truth of, the cleaned queryset: that would query it.
            value = data.get(name)
            if value is None or (hasattr(value, "query") and value.query.is_empty()):
                return []  # An empty selection is ``queryset.none()``: nothing to fetch.
            return sorted(obj.pk for obj in value)

        text = (data.get("q") or "").strip()
        return cls(
            text=text,
            theme=pks("theme"),
            pillar=pks("pillar"),
            gcm=pks("gcm"),
            region=pks("region"),
            state=pks("state"),
            body=pks("body"),
            stage=sorted(data.get("stage") or []),
            year_from=_int_or_none(data.get("year_from")),
            year_to=_int_or_none(data.get("year_to")),
            ordering=data.get("ordering") or ("relevance" if text else "newest"),
        )


def _int_or_none(value):
    return None if value is None else int(value)


@dataclass
class SearchResults:
    page: object
    count: int
    facets: dict | None
    snippets: dict
    criteria: Criteria


def search(practice_filter, page_number=None, page_size=PAGE_SIZE, facets=True):
    """One page of results for a bound ``PracticeFilter``, with facet counts and snippets."""
    engine_class = PostgresSearch if connection.vendor == "postgresql" else PortableSearch
    return engine_class(practice_filter).run(page_number, page_size, facets)


def _load_in_order(ids, with_opening=False):
    practices = Practice.objects.filter(pk__in=ids).only(*CARD_FIELDS)
    if with_opening:
        practices = _with_opening(practices)
    return attach_card_relations(_in_order(practices, ids))


def _with_opening(practices):
    """Annotate ``opening``, the start of the description, where snippets are looked for."""
    return practices.annotate(opening=Left("description", SNIPPET_SOURCE_CHARS))


def _snippets(practices, text):
    """Highlighted excerpts of the page's rows, from the summary and the description's opening.

    Headlining the whole text costs five times as much, and the card shows the summary when
    nothing there matches.
    """
    excerpts = {}
    for practice in practices:
        excerpt = search_text.highlight(
            f"{practice.summary} {practice.opening}", text, language=practice.language
        )
        if excerpt:
            excerpts[practice.pk] = excerpt
    return excerpts


def _in_order(practices, ids):
    by_id = {practice.pk: practice for practice in practices}
    return [by_id[pk] for pk in ids if pk in by_id]


class _RankedIds:
    """A lazily sliced result list for ``Paginator``: the count is known, pages are fetched.

    ``load`` turns a page of ids into practices in that order (the search page's cards by
    default; the API passes its own, with everything its serializer renders).
    """

    def __init__(self, engine, total, load):
        self.engine = engine
        self.total = total
        self.load = load

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        return self.load(self.engine.cached_page_ids(item.start, item.stop - item.start))


def ranked_results(practice_filter, load):
    """The text search of ``practice_filter`` as a paginable sequence, or None.

    For the API: on PostgreSQL, a text query over published practices is answered by the
    search page's engine (index-ordered ranking, one count) instead of the FilterSet's ORM
    query, which ranks every hit. ``load(ids)`` turns a page of ids into the caller's items.
    The results are the same either way; None means "use the FilterSet".
    """
    if connection.vendor != "postgresql":
        return None
    engine = PostgresSearch(practice_filter)
    if not engine.criteria.text:
        return None
    total = engine.cached_count()
    engine.learn()
    return _RankedIds(engine, total, load)


class PostgresSearch:
    """Search over the narrow index table; see the module docstring.

    ``ranking`` is ``"rum"`` when the RUM indexes exist (``0003_rum_indexes``): relevance then
    comes in index order (``vector <=> query``) instead of computing ``ts_rank`` for every hit.
    ``"ts_rank"`` is the plain GIN path, used where the extension is absent.
    """

    def __init__(self, practice_filter=None, criteria=None, ranking=None, top_results=True):
        self.criteria = criteria or Criteria.from_filter(practice_filter)
        self.ranking = ranking or ("rum" if rum_indexes_present() else "ts_rank")
        self.languages = indexable_languages(self.criteria.text) if self.criteria.text else []
        self.top_results = top_results
        # Hits counted live (outside ``tops``): enough of them and the query is worth a row.
        self.live_hits = 0

    @functools.cached_property
    def tops(self):
        """Precomputed heads of expensive queries, per content language (``search.toplists``):
        read only when something is computed, not when every answer comes from the cache."""
        if self.top_results and self.languages and self.ranking == "rum":
            return toplists.lookup(self.criteria.text)
        return {}

    @property
    def live_languages(self):
        return [code for code in self.languages if code not in self.tops]

    def unfiltered(self):
        """Words only: no facet, body or year selection (what ``tops`` rows were built for)."""
        return not (self.criteria.body or any(self._is_selected(name) for name in FACET_CODES))

    def learn(self):
        """Precompute the top results of this query if counting it live was that costly."""
        if self.ranking == "rum" and self.unfiltered() and self.live_hits >= toplists.MIN_HITS:
            toplists.learn(self.criteria.text, self.live_languages, self.live_hits)

    @contextmanager
    def planned(self):
        """A transaction with the planner settings the search statements are tuned for.

        Nested uses join the outer transaction (no savepoint round trips): the setting
        holds until that one ends.
        """
        with transaction.atomic(savepoint=False):
            if self.criteria.text:
                # The planner otherwise scans every stored vector to count common words.
                # Disabled scans price plans so high that JIT compilation (~200 ms) kicks in.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
            yield

    def run(self, page_number, page_size, facets):
        counts = self.cached_facet_counts() if facets else None
        total = counts.pop("total") if facets else self.cached_count()
        load = functools.partial(_load_in_order, with_opening=bool(self.criteria.text))
        page = Paginator(_RankedIds(self, total, load), page_size).get_page(page_number)
        self.learn()
        snippets = _snippets(page.object_list, self.criteria.text) if self.criteria.text else {}
        return SearchResults(
            page=page, count=total, facets=counts, snippets=snippets, criteria=self.criteria
        )

    # SQL pieces -------------------------------------------------------------------------------

    def text_match(self, alias="d", languages=None):
        """The text condition: one arm per content language, each able to use its own index.

        ``languages`` restricts it to some of ``self.languages`` (all of them by default).
        """
        languages = self.languages if languages is None else languages
        arms = [
            f"({alias}.language = '{code}' AND {alias}.vector @@ "
            f"websearch_to_tsquery('{config}', %s))"
            for code, config in TEXT_SEARCH_CONFIGS.items()
            if code in languages
        ]
        return "(" + (" OR ".join(arms) or "FALSE") + ")", [self.criteria.text] * len(arms)

    def row_query(self, alias="d"):
        """The tsquery parsed with the row's own language, for ranking and headlines."""
        whens = " ".join(
            f"WHEN '{code}' THEN websearch_to_tsquery('{config}', %s)"
            for code, config in TEXT_SEARCH_CONFIGS.items()
        )
        return f"CASE {alias}.language {whens} END", [self.criteria.text] * len(TEXT_SEARCH_CONFIGS)

    def facet_conditions(self, skip=None, alias="d", text_first=False):
        """SQL for every selected facet except ``skip``, ANDed (``TRUE`` when none).

        ``text_first``: the pillar is tested in ``facet_keys``, which no index serves, so that
        the planner cannot start from the pillar's index and test the words on every row of
        the pillar (detoasting each vector: 0.35 s for 25,000 rows).
        """
        c = self.criteria
        parts, params = [], []
        for name, column in (
            ("theme", "theme_ids"),
            ("gcm", "gcm_ids"),
            ("region", "region_ids"),
            ("state", "state_ids"),
            ("body", "body_ids"),
        ):
            if getattr(c, name) and name != skip:
                parts.append(f"{alias}.{column} && %s::integer[]")
                params.append(getattr(c, name))
        if c.pillar and skip != "pillar" and text_first:
            parts.append(f"{alias}.facet_keys && %s::integer[]")
            params.append([FACET_CODES["pillar"] * FACET_KEY_BASE + pk for pk in c.pillar])
        elif c.pillar and skip != "pillar":
            parts.append(f"{alias}.pillar_id = ANY(%s)")
            params.append(c.pillar)
        if c.stage and skip != "stage":
            parts.append(f"{alias}.stage = ANY(%s)")
            params.append(c.stage)
        if skip != "year":
            if c.year_from is not None:
                parts.append(f"({alias}.end_year IS NULL OR {alias}.end_year >= %s)")
                params.append(c.year_from)
            if c.year_to is not None:
                parts.append(f"({alias}.start_year IS NULL OR {alias}.start_year <= %s)")
                params.append(c.year_to)
        return (" AND ".join(parts) or "TRUE"), params

    def where(self, alias="d", languages=None):
        conditions, params = self.facet_conditions(alias=alias)
        if self.criteria.text:
            match, match_params = self.text_match(alias, languages)
            return f"{match} AND {conditions}", match_params + params
        return conditions, params

    def relevance(self, alias="d"):
        """The row's relevance, higher first: what both the page and the FilterSet sort by.

        With RUM it is the (negated) RUM distance the index orders by, so that ordering in SQL
        here and in the ORM (the API) agree; otherwise ``ts_rank``.
        """
        if self.ranking != "rum":
            query, params = self.row_query(alias)
            return f"ts_rank({alias}.vector, {query})", params
        whens = " ".join(
            f"WHEN '{code}' THEN {_words_query(config)}" for code, config in LANGUAGE_CONFIGS
        )
        return f"-({alias}.vector <=> CASE {alias}.language {whens} END)", [
            self.criteria.text
        ] * len(LANGUAGE_CONFIGS)

    def order_by(self, alias="d"):
        ordering = self.criteria.ordering
        if ordering == "relevance" and self.criteria.text:
            score, params = self.relevance(alias)
            return f"{score} DESC, {alias}.published_at DESC, {alias}.title", params
        if ordering == "title":
            return f"{alias}.title, {alias}.practice_id", []
        if ordering == "year":
            return f"{alias}.start_year DESC NULLS LAST, {alias}.title", []
        return f"{alias}.published_at DESC, {alias}.title", []

    # Statements -------------------------------------------------------------------------------

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def page_sql(self, offset, limit):
        if self.ranking == "rum" and self.criteria.text and self.criteria.ordering == "relevance":
            return self._rum_page_sql(offset, limit)
        where, params = self.where()
        order, order_params = self.order_by()
        return (
            f"SELECT d.practice_id FROM search_searchdocument d WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            params + order_params + [limit, offset],
        )

    def _rum_page_sql(self, offset, limit):
        """Top hits in RUM index order, per content language, merged by distance.

        A language whose precomputed head (``tops``) covers the page reads it instead of the
        index. Phrases are matched exactly but ordered by the distance to the same words
        ANDed: RUM cannot order by a phrase query (rows come back unranked), and ``ts_rank``
        over every phrase hit is what this path exists to avoid.
        """
        conditions, condition_params = self.facet_conditions()
        arms, params = [], []
        for code, config in LANGUAGE_CONFIGS:
            if code not in self.languages:
                continue
            top = self.tops.get(code)
            if top is not None and self._top_covers(top, offset + limit):
                arms.append(
                    "(SELECT d.practice_id, d.published_at, d.title, u.distance FROM "
                    "unnest(%s::integer[], %s::float8[]) WITH ORDINALITY u(pk, distance, ord) "
                    "JOIN search_searchdocument d ON d.practice_id = u.pk "
                    f"WHERE {conditions} ORDER BY u.ord LIMIT %s)"
                )
                # Without a selection only the page's part of the head can be on it.
                head = top.ranked if not self.unfiltered() else top.ranked[: offset + limit]
                params += [*_columns(head), *condition_params, offset + limit]
                continue
            query = f"websearch_to_tsquery('{config}', %s)"
            ordering = _words_query(config)
            arms.append(
                f"(SELECT d.practice_id, d.published_at, d.title, "
                f"d.vector <=> {ordering} AS distance "
                f"FROM search_searchdocument d WHERE d.language = '{code}' "
                f"AND d.vector @@ {query} AND {conditions} "
                # With ties: cutting a group of equal distances would let the outer sort
                # (which breaks ties by date and title) see an arbitrary part of it.
                f"ORDER BY d.vector <=> {ordering} FETCH FIRST %s ROWS WITH TIES)"
            )
            params += [self.criteria.text, self.criteria.text, *condition_params]
            params += [self.criteria.text, offset + limit]
        return (
            "SELECT practice_id FROM (" + " UNION ALL ".join(arms) + ") ranked "
            "ORDER BY distance, published_at DESC, title LIMIT %s OFFSET %s",
            params + [limit, offset],
        )

    def _top_covers(self, top, needed):
        """Whether the first ``needed`` hits of ``top`` under the selection are all known."""
        if len(top.ranked) >= top.hits:
            return True
        if self.unfiltered():
            return needed <= len(top.ranked)
        conditions, params = self.facet_conditions()
        (found,) = self._fetch(
            "SELECT count(*) FROM unnest(%s::integer[]) u(pk) JOIN search_searchdocument d "
            f"ON d.practice_id = u.pk WHERE {conditions}",
            [[pk for pk, _distance in top.ranked], *params],
        )[0]
        return found >= needed

    def page_ids(self, offset, limit):
        if self.criteria.text and not self.languages:
            return []
        return [row[0] for row in self._fetch(*self.page_sql(offset, limit))]

    def count_sql(self, languages=None):
        where, params = self.where(languages=languages)
        return f"SELECT count(*) FROM search_searchdocument d WHERE {where}", params

    def count(self):
        key = self._stored_count_key() if self.tops else None
        if key is None:
            self.live_hits = self._fetch(*self.count_sql())[0][0]
            return self.live_hits
        live = self._fetch(*self.count_sql(self.live_languages))[0][0] if self.live_languages else 0
        if key == 0:
            self.live_hits = live
        return live + sum(top.facet_counts.get(str(key), 0) for top in self.tops.values())

    def _stored_count_key(self):
        """The facet key whose stored count (in ``tops``) is the hit count, or None.

        Key 0 (every hit) without a selection; with exactly one value ticked in one facet, that
        value's own count: the hits that have it.
        """
        if self.unfiltered():
            return 0
        c = self.criteria
        if c.body or self._is_selected("year"):
            return None
        chosen = [name for name in FACET_CODES if name != "year" and getattr(c, name)]
        if len(chosen) != 1 or len(getattr(c, chosen[0])) != 1:
            return None
        name = chosen[0]
        value = getattr(c, name)[0]
        if name == "stage":
            value = STAGES.index(value) + 1
        return FACET_CODES[name] * FACET_KEY_BASE + value

    def facet_sql(self, languages=None, counted_apart=None):
        """The total and every facet's counts in one statement over ``facet_keys``.

        Each hit's facet memberships are one integer array (see ``search.indexing``): one
        unnest and one GROUP BY count them all. Facets with a selection of their own are
        counted in a second pass over the materialised hits that ignores that selection,
        unnesting only that facet's own column where it has one. ``counted_apart`` names the
        one selected facet whose counts come from elsewhere (``tops``): only the first pass
        is left, straight over the table.
        """
        selected = [name for name in FACET_CODES if self._is_selected(name)]
        if not selected:
            base, params = self._base_condition("h", languages)
            return (
                "SELECT k, count(*) FROM (SELECT unnest(h.facet_keys) k "
                f"FROM search_searchdocument h WHERE {base}) keys GROUP BY k"
            ), params
        first = (
            "SELECT k FROM (SELECT unnest(h.facet_keys) k FROM {table} h WHERE {conditions}) a "
            f"WHERE k / {FACET_KEY_BASE} <> ALL(%s)"
        )
        codes = [[FACET_CODES[name] for name in selected]]
        if counted_apart is not None:
            conditions, condition_params = self.facet_conditions(alias="h", text_first=True)
            base, params = self._base_condition("h", languages)
            passes = [
                first.format(table="search_searchdocument", conditions=f"{base} AND {conditions}")
            ]
            params += condition_params + codes
            if self.live_languages:
                # Languages without a ``tops`` row count the selected facet live, as usual.
                live, live_params = self._base_condition("h", self.live_languages)
                passes.append(self._own_pass(counted_apart, "search_searchdocument", live))
                params += live_params
            union = " UNION ALL ".join(passes)
            return f"SELECT k, count(*) FROM ({union}) keys GROUP BY k", params
        base, params = self._base_condition("d", languages)
        conditions, condition_params = self.facet_conditions(alias="h")
        passes = [first.format(table="hits", conditions=conditions)]
        params += condition_params + codes
        for name in selected:
            conditions, condition_params = self.facet_conditions(skip=name, alias="h")
            passes.append(self._own_pass(name, "hits", conditions))
            params += condition_params
        # Share the hits between passes only when finding them costs an index scan; a plain
        # listing reads the narrow table once per pass, cheaper than spilling all of it.
        materialized = "MATERIALIZED" if self.criteria.text else "NOT MATERIALIZED"
        return (
            f"WITH hits AS {materialized} (SELECT d.facet_keys, d.theme_ids, d.gcm_ids, "
            "d.region_ids, d.state_ids, d.pillar_id, d.stage, d.start_year, d.end_year "
            f"FROM search_searchdocument d WHERE {base}) "
            "SELECT k, count(*) FROM (" + " UNION ALL ".join(passes) + ") keys GROUP BY k"
        ), params

    @staticmethod
    def _own_pass(name, table, conditions):
        """The keys of facet ``name`` of the rows of ``table`` that meet ``conditions``."""
        own = _OWN_KEYS.get(name)
        if own is None:
            return (
                f"SELECT k FROM (SELECT unnest(h.facet_keys) k FROM {table} h "
                f"WHERE {conditions}) f WHERE k / {FACET_KEY_BASE} = {FACET_CODES[name]}"
            )
        return f"SELECT {own} k FROM {table} h WHERE {conditions}"

    def _base_condition(self, alias, languages=None):
        """What every count shares: the words and the body filter (which has no facet)."""
        base, params = "TRUE", []
        if self.criteria.text:
            base, params = self.text_match(alias, languages)
        if self.criteria.body:
            base += f" AND {alias}.body_ids && %s::integer[]"
            params.append(self.criteria.body)
        return base, params

    def _is_selected(self, name):
        c = self.criteria
        if name == "year":
            return c.year_from is not None or c.year_to is not None
        return bool(getattr(c, name))

    # Cached answers -------------------------------------------------------------------------
    # Each is cached until the next publication (``core.cache``) and shared by the
    # search page and the API: the same search costs its statements once.

    def _selection(self):
        """The criteria that decide which practices match (the cached answers' key)."""
        c = self.criteria
        chosen = (c.theme, c.pillar, c.gcm, c.region, c.state, c.body, c.stage)
        return (c.text, *chosen, c.year_from, c.year_to)

    def _cached(self, key, compute):
        """``compute()`` under the search statements' planner settings, cached under ``key``."""

        def planned_compute():
            with self.planned():
                return compute()

        return cached(key, planned_compute)

    def cached_facet_counts(self):
        """``facet_counts``, shared by every page and sort order of the same search."""
        return dict(self._cached(search_facets_key(self._selection()), self.facet_counts))

    def cached_count(self):
        """The hit count: the total of the cached facet counts when the search page has
        counted them, or counted once for every page and sort order."""
        counts = peek(search_facets_key(self._selection()))
        if counts is not None:
            return counts["total"]
        return self._cached(search_count_key(self._selection()), self.count)

    def cached_page_ids(self, offset, limit):
        """``page_ids``: the ids of one page of results, in order."""
        key = search_ids_key(self._selection(), self.criteria.ordering, offset, limit)
        return self._cached(key, lambda: self.page_ids(offset, limit))

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
        if not self.tops or self.criteria.body:
            return None
        selected = [name for name in FACET_CODES if self._is_selected(name)]
        return selected[0] if len(selected) == 1 else None

    def facet_counts(self):
        """The total and every facet's counts (see ``facet_sql``)."""
        counts = {name: {} for name in FACET_PARAMS}
        counts["total"] = 0
        names = {code: name for name, code in FACET_CODES.items()}
        for key, n in self._facet_rows():
            code, value = divmod(key, FACET_KEY_BASE)
            if key == 0:
                counts["total"] = n
            elif code == FACET_CODES["stage"]:
                counts["stage"][STAGES[value - 1]] = n
            else:
                counts[names[code]][value] = n
        return counts


SNIPPET_SOURCE_CHARS = 1000
LANGUAGE_CONFIGS = tuple(TEXT_SEARCH_CONFIGS.items())
# A facet's keys from its own column, for the pass that counts it: far fewer values than
# ``facet_keys`` (year and stage have no column of their own and use ``facet_keys``).
_OWN_KEYS = {
    name: f"unnest(h.{column}) + {FACET_CODES[name] * FACET_KEY_BASE}"
    for name, column in (
        ("theme", "theme_ids"),
        ("gcm", "gcm_ids"),
        ("region", "region_ids"),
        ("state", "state_ids"),
    )
} | {"pillar": f"h.pillar_id::integer + {FACET_CODES['pillar'] * FACET_KEY_BASE}"}
_rum_cache = {}


# Depends on PostgreSQL's parsers only, so remembered: a text search asks for its FilterSet
# and again for the engine.
@functools.lru_cache(maxsize=4096)
def indexable_languages(text):
    """Content languages in which an index can answer ``text``.

    Not those where it parses to nothing (stop words only) or to what only a scan of every
    row could answer (exclusions alone: ``-migration``, ``a OR -b``). Those arms are left out
    (they would match nothing or nearly everything) and, above all, never reach an index:
    such a scan crashes PostgreSQL 15's RUM 1.3.
    """
    values = ", ".join(
        f"('{code}', websearch_to_tsquery('{config}', %s))"
        for code, config in TEXT_SEARCH_CONFIGS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code FROM (VALUES {values}) v(code, q) WHERE querytree(q) NOT IN ('T', '')",
            [text] * len(TEXT_SEARCH_CONFIGS),
        )
        return [code for (code,) in cursor.fetchall()]


def rum_indexes_present():
    """Whether this database has the RUM indexes (looked up once per database)."""
    key = connection.settings_dict["NAME"]
    if key not in _rum_cache:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'searchdoc_rum_en'")
            _rum_cache[key] = cursor.fetchone() is not None
    return _rum_cache[key]


class PortableSearch:
    """The FilterSet's own queryset, with facet counts by ORM aggregation."""

    def __init__(self, practice_filter):
        self.filter = practice_filter
        self.criteria = Criteria.from_filter(practice_filter)

    def run(self, page_number, page_size, facets):
        results = self.filter.qs.with_list_relations()
        if self.criteria.text:
            results = _with_opening(results)
        counts = self.facet_counts() if facets else None
        total = counts.pop("total") if facets else results.count()
        paginator = _CountedPaginator(results, page_size, total)
        page = paginator.get_page(page_number)
        snippets = _snippets(page.object_list, self.criteria.text) if self.criteria.text else {}
        return SearchResults(
            page=page, count=total, facets=counts, snippets=snippets, criteria=self.criteria
        )

    def _ids_without(self, facet):
        """Ids matching every filter but ``facet``'s own, reusing the validated form."""
        dropped = {"ordering", *FACET_PARAMS.get(facet, ())}
        queryset = self.filter.queryset.all()
        for name, value in self.filter.form.cleaned_data.items():
            if name not in dropped:
                queryset = self.filter.filters[name].filter(queryset, value)
        return queryset.order_by().values("pk")

    def facet_counts(self):
        counts = {name: {} for name in FACET_PARAMS}
        counts["total"] = self.filter.qs.order_by().count()

        def tally(target, rows, key):
            for row in rows:
                if row[key]:
                    target[row[key]] = target.get(row[key], 0) + row["n"]

        practices = Practice.objects.order_by()
        for name, through, column in (
            ("theme", Practice.themes.through, "theme_id"),
            ("gcm", Practice.gcm_objectives.through, "gcmobjective_id"),
        ):
            rows = (
                through.objects.filter(practice_id__in=self._ids_without(name))
                .values(column)
                .annotate(n=Count("practice_id"))
            )
            tally(counts[name], rows, column)
        for name, column in (("pillar", "pillar_id"), ("stage", "stage")):
            rows = (
                practices.filter(pk__in=self._ids_without(name))
                .values(column)
                .annotate(n=Count("pk"))
            )
            tally(counts[name], rows, column)
        in_state_facet = practices.filter(pk__in=self._ids_without("state"))
        leads = in_state_facet.values("lead_state_id").annotate(n=Count("pk"))
        tally(counts["state"], leads, "lead_state_id")
        partners = (
            Practice.partner_states.through.objects.filter(practice__in=in_state_facet)
            .exclude(practice__lead_state_id=F("state_id"))
            .values("state_id")
            .annotate(n=Count("practice_id"))
        )
        tally(counts["state"], partners, "state_id")
        in_region_facet = practices.filter(pk__in=self._ids_without("region"))
        for column in (
            "lead_state__region_id",
            "lead_state__subregion_id",
            "lead_state__intermediate_region_id",
        ):
            tally(counts["region"], in_region_facet.values(column).annotate(n=Count("pk")), column)
        in_year_facet = practices.filter(pk__in=self._ids_without("year"))
        by_decade = in_year_facet.aggregate(
            **{
                f"d{decade}": Count(
                    "pk",
                    filter=(Q(end_year__isnull=True) | Q(end_year__gte=decade))
                    & (Q(start_year__isnull=True) | Q(start_year__lte=decade + 9)),
                )
                for decade in DECADES
            }
        )
        counts["year"] = {
            decade: by_decade[f"d{decade}"] for decade in DECADES if by_decade[f"d{decade}"]
        }
        return counts


class _CountedPaginator(Paginator):
    """A paginator told the total up front, so it does not count the queryset again."""

    def __init__(self, object_list, per_page, total):
        super().__init__(object_list, per_page)
        self._total = total

    @property
    def count(self):
        return self._total


# The FilterSet's text filter --------------------------------------------------------------------


def text_search(queryset, text, include_unindexed=True):
    """Filter ``queryset`` to practices matching ``text``, annotated with ``search_rank``.

    Indexed (published) practices are matched through the search index. Practices that are
    not indexed (a signed-in user's own drafts in the API) are matched by substring when
    ``include_unindexed`` is set, and rank last.
    """
    # NUL cannot be stored or searched in PostgreSQL text; no real query contains it.
    text = text.replace("\x00", "").strip()
    if not text:
        return queryset
    if connection.vendor != "postgresql":
        matched, rank = _portable_match(text)
        return queryset.filter(matched).annotate(search_rank=rank)
    matched, rank = _postgres_match(text)
    if include_unindexed:
        unindexed, _unused = _portable_match(text)
        matched |= Q(search_document__isnull=True) & unindexed
    return queryset.filter(matched).annotate(search_rank=rank)


def _postgres_match(text):
    engine = PostgresSearch(criteria=Criteria(text=text), top_results=False)
    match, params = engine.text_match()
    score, score_params = engine.relevance()
    table = Practice._meta.db_table
    matched = Q(
        pk__in=RawSQL(f"SELECT d.practice_id FROM search_searchdocument d WHERE {match}", params)
    )
    rank = RawSQL(
        f'SELECT {score} FROM search_searchdocument d WHERE d.practice_id = "{table}"."id"',
        score_params,
        output_field=FloatField(),
    )
    return matched, rank


def _columns(ranked):
    """[[id, distance], ...] as two lists (SQL arrays)."""
    return [[pk for pk, _distance in ranked], [distance for _pk, distance in ranked]]


def _words_query(config):
    """The query's words ANDed, phrases included: RUM can rank by it (see ``_rum_page_sql``)."""
    return (
        f"regexp_replace(websearch_to_tsquery('{config}', %s)::text, '<[0-9]*-?>', '&', 'g')"
        "::tsquery"
    )


def _term_q(term):
    found = Q(search_document__names__icontains=term)
    for name in TEXT_FIELDS:
        found |= Q(**{f"{name}__icontains": term})
    return found


def _portable_match(text):
    """AND of terms, NOT of exclusions, OR between clauses; rank by where the terms are."""
    matched = Q(pk__in=[])
    rank = Value(0)
    for clause in search_text.parse(text):
        clause_q = Q()
        for term in clause.include:
            clause_q &= _term_q(term)
            for name, weight in TEXT_WEIGHTS.items():
                rank = rank + Case(
                    When(**{f"{name}__icontains": term}, then=Value(weight)),
                    default=Value(0),
                )
        for term in clause.exclude:
            clause_q &= ~_term_q(term)
        matched |= clause_q
    return matched, rank
