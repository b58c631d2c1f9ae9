"""SQLite's facet memberships and the statements of a search over the narrow tables only.

The FilterSet's ORM counts read the wide practice row and its link tables once per facet
(seconds at 10,000 practices); this reads ``search_searchdocument``, the search's ranks
(``ranks``) and ``search_facetkey``, a table migration ``0007_sqlite_full_text`` creates on
SQLite: one ``(practice_id, key)`` row per facet membership, with the keys of PostgreSQL's
``facet_keys`` (``search.schema``: facet code * ``FACET_KEY_BASE`` + value, key 0 on every
row), plus the bodies under ``BODY_CODE`` (filtered by, never counted). Decades follow the
schema's year rule in SQL (``active_in_sql``), so a change of the rule changes them too.
"""

# SQL here is assembled from constants and column names only; data always travels as query
# parameters.
# ruff: noqa: S608

import json

from django.db import connection

from ...schema import (
    BODY,
    DECADES,
    FACET_CODES,
    FACET_KEY_BASE,
    FACET_PARAMS,
    FACETS,
    SELECTIONS,
    UNDATED,
    active_in_sql,
    counts_from_keys,
    facet_keys,
)

KEYS = "search_facetkey"
# The body is a selection without counts (``search.schema.BODY`` has no code): its keys here,
# under a code no facet will take. Fixed: it was "the highest facet code + 1" (10), so adding
# the "Evaluated" facet (code 10) read an older index's body keys as evaluation values (a 500 on
# the search page); ``search.0010`` moves them.
BODY_CODE = 99
assert max(FACET_CODES.values()) < BODY_CODE
YEAR_CODE = FACET_CODES["year"]
_IDS = "(SELECT value FROM json_each(%s))"


def _json(values):
    return json.dumps(sorted(values))


def keys_of(document):
    """Every facet key of ``document`` (``search.schema.Document``) but its decades."""
    keys = {0}
    for facet in FACETS:
        if facet.array:
            values = document.arrays[facet.column]
        elif facet.groups:
            value = document.scalars.get(facet.column)
            values = [facet.position(value)] if value in facet.values else []
        elif facet.column:
            value = document.scalars.get(facet.column)
            values = [] if value is None else [value]
        else:
            continue  # the year: decades are written in SQL
        keys.update(facet_keys(facet.code, values))
    keys.update(facet_keys(BODY_CODE, document.arrays[BODY.column]))
    return keys


def write(documents):
    """Replace the facet keys of ``documents``, whose index rows are written already."""
    ids = _json(document.practice_id for document in documents)
    rows = [(document.practice_id, key) for document in documents for key in keys_of(document)]
    active = active_in_sql("v.value", "v.value + 9", "d")
    undated = active_in_sql(alias="d", undated=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {KEYS} WHERE practice_id IN {_IDS}", [ids])
        cursor.executemany(f"INSERT INTO {KEYS} (practice_id, key) VALUES (%s, %s)", rows)
        cursor.execute(
            f"INSERT INTO {KEYS} (practice_id, key) SELECT d.practice_id, "
            f"{YEAR_CODE * FACET_KEY_BASE} + v.value FROM search_searchdocument d, "
            f"json_each(%s) v WHERE d.practice_id IN {_IDS} AND {active}",
            [_json(DECADES), ids],
        )
        # Practices whose source gives no year count as "Years not given", in no decade.
        cursor.execute(
            f"INSERT INTO {KEYS} (practice_id, key) SELECT d.practice_id, "
            f"{YEAR_CODE * FACET_KEY_BASE + UNDATED} FROM search_searchdocument d "
            f"WHERE d.practice_id IN {_IDS} AND {undated}",
            [ids],
        )


def remove_orphans(ids=None):
    """Drop the facet keys (of ``ids``, or all) whose index row is gone."""
    among = "" if ids is None else f"practice_id IN {_IDS} AND "
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {KEYS} WHERE {among}"
            "practice_id NOT IN (SELECT practice_id FROM search_searchdocument)",
            [] if ids is None else [_json(ids)],
        )


class Statements:
    """The SQL of one search: ``criteria`` (``search.criteria.Criteria``) and ``ranked``, the
    key of its hits in ``temp.search_ranked`` (None without words, or when the words hold
    nothing searchable: then nothing matches and no statement runs)."""

    def __init__(self, criteria, ranked):
        self.criteria = criteria
        self.ranked = ranked
        self.nothing = bool(criteria.text) and not ranked

    def _from(self):
        if self.criteria.text:
            return (
                "temp.search_ranked r JOIN search_searchdocument d "
                "ON d.practice_id = r.practice_id",
                ["r.search = %s"],
                [self.ranked],
            )
        return "search_searchdocument d", [], []

    def _conditions(self, skip=None):
        """Every selection but facet ``skip``'s, as (conditions, parameters)."""
        c = self.criteria
        conditions, params = [], []
        for selection in SELECTIONS:
            values = c.selections[selection.name]
            if not values or selection.name == skip:
                continue
            if selection.groups:
                values = [selection.position(v) for v in values if v in selection.values]
            code = BODY_CODE if selection.code is None else selection.code
            conditions.append(
                f"d.practice_id IN (SELECT practice_id FROM {KEYS} WHERE key IN {_IDS})"
            )
            params.append(_json(facet_keys(code, values)))
        if skip != "year":
            years = [year for year in (c.year_from, c.year_to) if year is not None]
            condition = active_in_sql(
                "%s" if c.year_from is not None else None,
                "%s" if c.year_to is not None else None,
                "d",
                undated=c.undated,
            )
            if condition:
                conditions.append(condition)
                params += years
        return conditions, params

    def _where(self, skip=None, extra=()):
        table, conditions, params = self._from()
        more, more_params = self._conditions(skip)
        where = " AND ".join([*conditions, *more, *extra]) or "1"
        return table, where, params + more_params

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self):
        if self.nothing:
            return 0
        table, where, params = self._where()
        return self._fetch(f"SELECT count(*) FROM {table} WHERE {where}", params)[0][0]

    def page_ids(self, offset, limit):
        if self.nothing:
            return []
        ordering = self.criteria.ordering
        if ordering == "relevance" and self.criteria.text:
            order = "r.rank DESC, d.published_at DESC, d.title"
        elif ordering == "title":
            order = "d.title, d.practice_id"
        elif ordering == "year":
            order = "d.start_year DESC NULLS LAST, d.title"
        else:
            # Newest first: ``practices.managers.NEWEST_FIRST`` (-published_at, -pk), as on
            # PostgreSQL and in the FilterSet.
            order = "d.published_at DESC, d.practice_id DESC"
        table, where, params = self._where()
        rows = self._fetch(
            f"SELECT d.practice_id FROM {table} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]

    def _key_counts(self, skip=None, code=None):
        """(key, hits) of the hits under every selection but ``skip``'s (only facet ``code``'s
        keys when given)."""
        extra = []
        if code is not None:
            extra = [f"k.key >= {code * FACET_KEY_BASE}", f"k.key < {(code + 1) * FACET_KEY_BASE}"]
        table, where, params = self._where(skip, extra)
        return self._fetch(
            f"SELECT k.key, count(*) FROM {table} JOIN {KEYS} k ON k.practice_id = d.practice_id "
            f"WHERE {where} GROUP BY k.key",
            params,
        )

    def facet_counts(self):
        """The total and every facet's counts; a selected facet's ignore its own selection."""
        if self.nothing:
            return {"total": 0, **{name: {} for name in FACET_PARAMS}}
        selected = {name for name in FACET_CODES if self.criteria.is_selected(name)}
        skipped = {FACET_CODES[name] for name in selected} | {BODY_CODE}
        rows = [(key, n) for key, n in self._key_counts() if key // FACET_KEY_BASE not in skipped]
        for name in selected:
            rows += self._key_counts(skip=name, code=FACET_CODES[name])
        return counts_from_keys(rows)
