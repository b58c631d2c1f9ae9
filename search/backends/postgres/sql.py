"""The PostgreSQL backend's SQL: the conditions, orderings and statements of a search.

Everything reads only the narrow ``search_searchdocument`` table: the text match uses
per-language RUM (or GIN) indexes (``websearch_to_tsquery`` with that language's stemmer);
relevance comes in RUM index order, or from ``ts_rank`` where RUM is absent; the total and
every facet count come from ONE statement over ``facet_keys`` (see ``search.schema``).

Published translations add one more arm to the text match (``translated``).
"""

# SQL here is assembled from constants and column names only; user input always travels as a
# query parameter, never in the statement text.
# ruff: noqa: S608

import functools

from django.db import connection

from ...schema import (
    BODY_COLUMN,
    FACET_CODES,
    FACET_KEY_BASE,
    FACETS,
    FACETS_BY_NAME,
    SELECTIONS,
    TEXT_SEARCH_CONFIGS,
    TRANSLATION_CONFIGS,
    active_in_sql,
    facet_keys,
)
from .translated import TRANSLATED, TranslationArms, words_query

LANGUAGE_CONFIGS = tuple(TEXT_SEARCH_CONFIGS.items())
# What the search statements are tuned for. The planner otherwise scans every stored vector
# to count common words; disabled scans price plans so high that JIT compilation (~200 ms)
# kicks in.
PLANNER_SETTINGS = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"
# A facet's keys from its own column, for the pass that counts it: far fewer values than
# ``facet_keys`` (the year has no column, and text values (stages) are not integers: both use
# ``facet_keys``).
_OWN_KEYS = {
    facet.name: (
        f"unnest(h.{facet.column}) + {facet.code * FACET_KEY_BASE}"
        if facet.array
        else f"h.{facet.column}::integer + {facet.code * FACET_KEY_BASE}"
    )
    for facet in FACETS
    if facet.column and not facet.groups
}
# The array filters (the array facets, then the body), and the facets of one value per row.
_ARRAY_FILTERS = tuple((s.name, s.column) for s in SELECTIONS if s.array)
_SCALAR_FACETS = tuple(facet for facet in FACETS if facet.column and not facet.array)
# What the facet passes read of each hit.
_HIT_COLUMNS = ", ".join(
    ["d.facet_keys", *(f"d.{facet.column}" for facet in FACETS if facet.column)]
    + ["d.start_year", "d.end_year"]
)
_rum_cache = {}


def _columns(ranked):
    """[[id, distance], ...] as two lists (SQL arrays)."""
    return [[pk for pk, _distance in ranked], [distance for _pk, distance in ranked]]


# Depends on PostgreSQL's parsers only, so remembered: a text search asks for its FilterSet
# and again for the engine.
@functools.lru_cache(maxsize=4096)
def indexable_languages(text):
    """Languages (of ``TRANSLATION_CONFIGS``: content and translations) in which an index can
    answer ``text``.

    Not those where it parses to nothing (stop words only) or to what only a scan of every
    row could answer (exclusions alone: ``-migration``, ``a OR -b``). Those arms are left out
    (they would match nothing or nearly everything) and, above all, never reach an index:
    such a scan crashes PostgreSQL 15's RUM 1.3.
    """
    values = ", ".join(
        f"('{code}', websearch_to_tsquery('{config}', %s))"
        for code, config in TRANSLATION_CONFIGS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code FROM (VALUES {values}) v(code, q) WHERE querytree(q) NOT IN ('T', '')",
            [text] * len(TRANSLATION_CONFIGS),
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


class Statements(TranslationArms):
    """The SQL of one search, for the engine it is mixed into (``engine.PostgresSearch``).

    Reads the engine's ``criteria``, ``ranking`` (``"rum"`` or ``"ts_rank"``), ``languages``
    (the content languages the words can be searched in, and ``TRANSLATED`` for the
    translation arm), ``translated`` (the translations' languages the words can be searched
    in) and ``tops`` (precomputed heads, per language).
    """

    @property
    def live_languages(self):
        """The languages the words are searched in that no ``tops`` row covers."""
        return [code for code in self.languages if code not in self.tops]

    def unfiltered(self):
        """Words only: no facet, body or year selection (what ``tops`` rows were built for)."""
        return not (
            self.criteria.selections["body"]
            or any(self.criteria.is_selected(name) for name in FACET_CODES)
        )

    # SQL pieces -------------------------------------------------------------------------------

    def text_match(self, alias="d", languages=None):
        """The text condition: one arm per content language, each able to use its own index,
        and the translation arm (``TRANSLATED``).

        ``languages`` restricts it to some of ``self.languages`` (all of them by default).
        """
        languages = self.languages if languages is None else languages
        arms, params = self._own_arms(alias, languages)
        if TRANSLATED in languages and self.translated:
            arm, arm_params = self.translation_match(alias)
            arms.append(arm)
            params += arm_params
        return "(" + (" OR ".join(arms) or "FALSE") + ")", params

    def row_query(self, alias="d"):
        """The tsquery parsed with the row's own language, for ranking and headlines."""
        whens = " ".join(
            f"WHEN '{code}' THEN websearch_to_tsquery('{config}', %s)"
            for code, config in TEXT_SEARCH_CONFIGS.items()
        )
        return f"CASE {alias}.language {whens} END", [self.criteria.text] * len(TEXT_SEARCH_CONFIGS)

    def facet_conditions(self, skip=None, alias="d", text_first=False):
        """SQL for every selected facet except ``skip``, ANDed (``TRUE`` when none).

        Without words, the facets with keys are tested in ``facet_keys``, whose GIN index
        (``searchdoc_facet_keys``) finds a listing's rows. With words, each facet's own column
        is tested, which no index serves, so that plans start from the words. ``text_first``:
        the pillar's condition is written so that no index serves it either (``pillar_id + 0``):
        the planner cannot then start from the pillar's index and test the words on every row
        of the pillar (detoasting each vector: 0.35 s for 25,000 rows).
        """
        c = self.criteria
        keyed = not c.text
        parts, params = [], []
        for name, column in _ARRAY_FILTERS:
            if c.selections[name] and name != skip:
                if keyed and name in FACET_CODES:
                    parts.append(f"{alias}.facet_keys && %s::integer[]")
                    params.append(facet_keys(FACET_CODES[name], c.selections[name]))
                else:
                    parts.append(f"{alias}.{column} && %s::integer[]")
                    params.append(c.selections[name])
        for facet in _SCALAR_FACETS:
            values = c.selections[facet.name]
            if not values or skip == facet.name:
                continue
            if keyed and facet.name in _OWN_KEYS:  # integer values, also in facet_keys
                parts.append(f"{alias}.facet_keys && %s::integer[]")
                params.append(facet_keys(facet.code, values))
            elif text_first and facet.name in _OWN_KEYS:
                parts.append(f"{alias}.{facet.column} + 0 = ANY(%s)")
                params.append(values)
            else:
                parts.append(f"{alias}.{facet.column} = ANY(%s)")
                params.append(values)
        if skip != "year":
            years = active_in_sql(
                "%s" if c.year_from is not None else None,
                "%s" if c.year_to is not None else None,
                alias,
                undated=c.undated,
            )
            if years:
                parts.append(years)
                params += [year for year in (c.year_from, c.year_to) if year is not None]
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
        here and in the ORM (the API) agree; otherwise ``ts_rank``. A hit of the translation
        arm only (see the module) ranks by its best translation's.
        """
        if self.ranking != "rum":
            query, params = self.row_query(alias)
            own = f"ts_rank({alias}.vector, {query})"
            ranks, rank_params = self._per_translation(alias, f"ts_rank({alias}.vector, {{query}})")
            translated = f"GREATEST({', '.join(ranks)})"
        else:
            whens = " ".join(
                f"WHEN '{code}' THEN {words_query(config)}" for code, config in LANGUAGE_CONFIGS
            )
            own = f"-({alias}.vector <=> CASE {alias}.language {whens} END)"
            params = [self.criteria.text] * len(LANGUAGE_CONFIGS)
            distance, rank_params = self.translation_distance(alias)
            translated = f"-{distance}"
        if not self.translated:
            return own, params
        found, found_params = self.own_match(alias)
        return (
            f"CASE WHEN {alias}.translations = '{{}}' OR {found} THEN {own} ELSE {translated} END",
            found_params + params + rank_params,
        )

    def order_by(self, alias="d"):
        ordering = self.criteria.ordering
        if ordering == "relevance" and self.criteria.text:
            score, params = self.relevance(alias)
            return f"{score} DESC, {alias}.published_at DESC, {alias}.title", params
        if ordering == "title":
            return f"{alias}.title, {alias}.practice_id", []
        if ordering == "year":
            return f"{alias}.start_year DESC NULLS LAST, {alias}.title", []
        return f"{alias}.published_at DESC, {alias}.practice_id DESC", []

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
            ordering = words_query(config)
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
        if TRANSLATED in self.languages and self.translated:
            # Few rows (those with translations), each ranked here: no index order needed.
            match, match_params = self.translation_match()
            distance, distance_params = self.translation_distance()
            arms.append(
                f"(SELECT d.practice_id, d.published_at, d.title, {distance} AS distance "
                f"FROM search_searchdocument d WHERE {match} AND {conditions} "
                "ORDER BY 4 FETCH FIRST %s ROWS WITH TIES)"
            )
            params += [*distance_params, *match_params, *condition_params, offset + limit]
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

    def count_sql(self, languages=None):
        where, params = self.where(languages=languages)
        return f"SELECT count(*) FROM search_searchdocument d WHERE {where}", params

    def _stored_count_key(self):
        """The facet key whose stored count (in ``tops``) is the hit count, or None.

        Key 0 (every hit) without a selection; with exactly one value ticked in one facet, that
        value's own count: the hits that have it.
        """
        if self.unfiltered():
            return 0
        c = self.criteria
        if c.selections["body"] or self.criteria.is_selected("year"):
            return None
        chosen = [name for name in FACET_CODES if name != "year" and c.selections[name]]
        if len(chosen) != 1 or len(c.selections[chosen[0]]) != 1:
            return None
        name = chosen[0]
        value = c.selections[name][0]
        if FACETS_BY_NAME[name].groups:
            value = FACETS_BY_NAME[name].position(value)
        return facet_keys(FACET_CODES[name], [value])[0]

    def facet_sql(self, languages=None, counted_apart=None):
        """The total and every facet's counts in one statement over ``facet_keys``.

        Each hit's facet memberships are one integer array (see ``search.indexing``): one
        unnest and one GROUP BY count them all. Facets with a selection of their own are
        counted in a second pass over the materialised hits that ignores that selection,
        unnesting only that facet's own column where it has one. ``counted_apart`` names the
        one selected facet whose counts come from elsewhere (``tops``): only the first pass
        is left, straight over the table.
        """
        selected = [name for name in FACET_CODES if self.criteria.is_selected(name)]
        if not selected:
            base, params = self._base_condition("h", languages)
            return (
                "SELECT k, count(*) FROM (SELECT unnest(h.facet_keys) k "
                f"FROM search_searchdocument h WHERE {base}) keys GROUP BY k"
            ), params
        # Each pass counts its own keys (the passes' keys are disjoint), so the selected
        # facets' keys are left out of a few hundred groups rather than tested on every key.
        first = (
            "SELECT k, count(*) FROM (SELECT unnest(h.facet_keys) k FROM {table} h "
            f"WHERE {{conditions}}) a GROUP BY k HAVING k / {FACET_KEY_BASE} <> ALL(%s)"
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
            return " UNION ALL ".join(passes), params
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
            f"WITH hits AS {materialized} (SELECT {_HIT_COLUMNS} "
            f"FROM search_searchdocument d WHERE {base}) " + " UNION ALL ".join(passes)
        ), params

    @staticmethod
    def _own_pass(name, table, conditions):
        """The counts of facet ``name``'s keys among the rows of ``table`` that meet
        ``conditions``."""
        own = _OWN_KEYS.get(name)
        if own is None:
            return (
                f"SELECT k, count(*) FROM (SELECT unnest(h.facet_keys) k FROM {table} h "
                f"WHERE {conditions}) f GROUP BY k "
                f"HAVING k / {FACET_KEY_BASE} = {FACET_CODES[name]}"
            )
        return (
            f"SELECT k, count(*) FROM (SELECT {own} k FROM {table} h WHERE {conditions}) f "
            "GROUP BY k"
        )

    def _base_condition(self, alias, languages=None):
        """What every count shares: the words and the body filter (which has no facet)."""
        base, params = "TRUE", []
        if self.criteria.text:
            base, params = self.text_match(alias, languages)
        if self.criteria.selections["body"]:
            base += f" AND {alias}.{BODY_COLUMN} && %s::integer[]"
            params.append(self.criteria.selections["body"])
        return base, params
