"""Precomputed top results for the most expensive text queries (PostgreSQL with RUM).

No index hands back the best 20 of the 100,000 practices that contain a very common word
without scoring all of them: RUM's ordered scan does just that, and it costs about as much as
ranking every hit. So for a query matching, in one content language, at least ``MIN_HITS``
practices and ``MIN_SHARE`` of the index, ``TopResults`` keeps the exact head of its ranking
(``SIZE`` hits, best first, with their RUM distances), its hit count and the facet counts of
all its hits. A search then reads the page, the count and the facets from that row, and ranks live
only what the row does not cover (other languages, pages beyond the head, a facet selection
that leaves too few hits).

Rows are made when the index is rebuilt (``rebuild``: every word that frequent) and the first
time any other query proves that expensive (``learn``: a phrase, two words). They stay exact
through every index change (``changes``): hits and facet counts move by the changed
practices' own contributions, and the ranked head re-sorts its members with the changed
practices, keeping only the part known to be exact. Readers therefore always see what the
live ranking would give, only sooner.

Builders and ``changes`` take one table lock, so a row is never built from a snapshot that a
concurrent change then misses.
"""

# SQL here is assembled from constants only; data always travels as query parameters.
# ruff: noqa: S608

import math
from collections import Counter
from contextlib import contextmanager

from django.db import connection, transaction

from ...models import TopResults
from ...schema import TEXT_SEARCH_CONFIGS
from .sql import PLANNER_SETTINGS, rum_indexes_present
from .translated import WORDS_ORDERING

# A query gets a row when it matches this many practices of a language, and this share of them.
MIN_HITS = 2000
MIN_SHARE = 0.2
SIZE = 200
# Rows fetched in rank order to build a head of SIZE: enough to see where a group of equal
# distances ends, since only complete groups can be ordered exactly.
FETCH = 1000
TABLE = TopResults._meta.db_table


def available():
    """Top results are used with the RUM ranking only (they store its distances)."""
    return connection.vendor == "postgresql" and rum_indexes_present()


@contextmanager
def locked(planned=False):
    """A transaction holding the table lock that orders builders and ``changes``.

    ``planned`` adds the search statements' planner settings (``PostgresSearch.planned``); a
    change leaves them alone, as they would last for the rest of the caller's transaction.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        if planned:
            cursor.execute(PLANNER_SETTINGS)
        yield cursor


def lookup(text):
    """{language: TopResults} for the search ``text``, one query."""
    values = ", ".join(
        f"('{code}', websearch_to_tsquery('{config}', %s)::text)"
        for code, config in TEXT_SEARCH_CONFIGS.items()
    )
    rows = TopResults.objects.raw(
        f"SELECT * FROM {TABLE} WHERE (language, query) IN (VALUES {values})",
        [text] * len(TEXT_SEARCH_CONFIGS),
    )
    return {row.language: row for row in rows}


def learn(text, languages, live_hits):
    """Build the rows ``text`` lacks in ``languages`` if a live search counted ``live_hits``
    in them (enough for any: ``threshold``), so that the next one is served from the row."""
    min_hits = threshold()
    if live_hits >= min_hits:
        for language in languages:
            build(language, text, min_hits)


def build(language, text, min_hits):
    """Make the row of ``text`` in ``language`` if it has at least ``min_hits`` hits."""
    config = TEXT_SEARCH_CONFIGS[language]
    with locked(planned=True) as cursor:
        cursor.execute(f"SELECT websearch_to_tsquery('{config}', %s)::text", [text])
        query = cursor.fetchone()[0]
        if not query or TopResults.objects.filter(language=language, query=query).exists():
            return None
        match = "d.language = %s AND d.vector @@ %s::tsquery"
        cursor.execute(
            "SELECT k, count(*) FROM (SELECT unnest(d.facet_keys) k "
            f"FROM search_searchdocument d WHERE {match}) keys GROUP BY k",
            [language, query],
        )
        facet_counts = {str(key): n for key, n in cursor.fetchall()}
        hits = facet_counts.get("0", 0)
        if hits < min_hits:
            return None
        ordering = WORDS_ORDERING.format(query="%s")
        cursor.execute(
            "SELECT practice_id, distance FROM (SELECT d.practice_id, d.published_at, d.title, "
            f"d.vector <=> {ordering} AS distance FROM search_searchdocument d WHERE {match} "
            f"ORDER BY d.vector <=> {ordering} LIMIT %s) top "
            "ORDER BY distance, published_at DESC, title",
            [query, language, query, query, FETCH],
        )
        ranked = [[pk, distance] for pk, distance in cursor.fetchall()]
        if len(ranked) == FETCH:
            # The last group of equal distances may go on beyond what was fetched.
            last = ranked[-1][1]
            ranked = [row for row in ranked if row[1] < last]
        return TopResults.objects.create(
            language=language,
            query=query,
            text=text,
            hits=hits,
            ranked=ranked[:SIZE],
            facet_counts=facet_counts,
        )


def threshold():
    """Hits from which a query is worth a row: ``MIN_HITS``, and ``MIN_SHARE`` of the index.

    The index size is the planner's estimate (kept fresh by autovacuum and ``generate_practices``'
    ANALYZE): counting rows on every costly search would cost more than it decides.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'search_searchdocument'::regclass"
        )
        documents = max(0, cursor.fetchone()[0])
    return max(MIN_HITS, math.ceil(MIN_SHARE * documents))


def frequent_words(language, min_hits):
    """Lexemes of ``language``'s practices found in at least ``min_hits`` of them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM ts_stat(format('SELECT vector FROM search_searchdocument "
            "WHERE language = %%L', %s::text)) WHERE ndoc >= %s ORDER BY ndoc DESC, word",
            [language, min_hits],
        )
        return [word for (word,) in cursor.fetchall()]


def rebuild(progress=None):
    """Forget every row and build one for each frequent word; returns how many were built.

    A word that the language's parser would read differently (a stem that is not a word
    itself) is skipped: its row comes when a search for it first runs.
    """
    if not available():
        return 0
    forget()
    min_hits = threshold()
    words = [
        (language, word)
        for language in TEXT_SEARCH_CONFIGS
        for word in frequent_words(language, min_hits)
    ]
    built = 0
    for done, (language, word) in enumerate(words, start=1):
        built += build(language, word, min_hits) is not None
        if progress:
            progress(done, len(words))
    return built


def forget():
    """Drop every row (before a bulk load, which ``rebuild`` follows)."""
    TopResults.objects.all().delete()


@contextmanager
def changes(practice_ids):
    """Keep every row exact while the index rows of ``practice_ids`` change inside.

    Call around the change, in one transaction: the rows' contributions are read before and
    after, and the differences applied.
    """
    if not available():
        yield
        return
    with locked():
        before = _contributions(practice_ids)
        yield
        after = _contributions(practice_ids)
        _apply(set(practice_ids), before, after)


def _contributions(practice_ids):
    """{row id: {practice id: (distance, facet keys)}} for the given practices' matches."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH docs AS MATERIALIZED (SELECT d.practice_id, d.language, d.vector, "
            "d.facet_keys FROM search_searchdocument d WHERE d.practice_id = ANY(%s)) "
            f"SELECT t.id, d.practice_id, d.vector <=> {WORDS_ORDERING.format(query='t.query')}, "
            f"d.facet_keys FROM docs d JOIN {TABLE} t ON t.language = d.language "
            "AND d.vector @@ t.query::tsquery",
            [list(practice_ids)],
        )
        for row_id, pk, distance, keys in cursor.fetchall():
            found.setdefault(row_id, {})[pk] = (distance, keys)
    return found


def _apply(changed, before, after):
    rows = {row.pk: row for row in TopResults.objects.filter(pk__in=before.keys() | after.keys())}
    counts, candidates = {}, []
    for row_id, row in rows.items():
        tally = Counter(row.facet_counts)
        for _distance, keys in before.get(row_id, {}).values():
            tally.subtract(str(key) for key in keys)
        for _distance, keys in after.get(row_id, {}).values():
            tally.update(str(key) for key in keys)
        counts[row_id] = {key: n for key, n in tally.items() if n > 0}
        # Most rows keep their head: no member changed, and no changed hit ranks before the
        # last member (those after it would be cut off again below).
        last = row.ranked[-1][1] if row.ranked else None
        inserted = [
            (pk, distance)
            for pk, (distance, _keys) in after.get(row_id, {}).items()
            if last is not None and distance <= last
        ]
        if not inserted and not any(pk in changed for pk, _distance in row.ranked):
            continue
        candidates += [(row_id, pk, d, True) for pk, d in row.ranked if pk not in changed]
        candidates += [(row_id, pk, d, False) for pk, d in inserted]
    reordered = {}
    if candidates:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.row_id, c.pk, c.distance, c.kept FROM unnest(%s::integer[], "
                "%s::integer[], %s::float8[], %s::boolean[]) c(row_id, pk, distance, kept) "
                "JOIN search_searchdocument d ON d.practice_id = c.pk "
                "ORDER BY c.row_id, c.distance, d.published_at DESC, d.title",
                [list(column) for column in zip(*candidates, strict=True)],
            )
            for row_id, pk, distance, kept in cursor.fetchall():
                reordered.setdefault(row_id, []).append((pk, distance, kept))
    stale, changed_rows = [], []
    for row_id, row in rows.items():
        if counts[row_id].get("0", 0) == 0:
            stale.append(row_id)
            continue
        if row_id in reordered:
            ordered = reordered[row_id]
            kept = [index for index, (_pk, _d, was_kept) in enumerate(ordered) if was_kept]
            if not kept:
                # Nothing known-exact is left: the next search that needs it builds it anew.
                stale.append(row_id)
                continue
            # Hits ranked after the last kept one may trail hits the row never held.
            row.ranked = [[pk, distance] for pk, distance, _kept in ordered[: kept[-1] + 1]][:SIZE]
        elif any(pk in changed for pk, _distance in row.ranked):
            stale.append(row_id)  # Every member changed and none came back.
            continue
        if counts[row_id] != row.facet_counts or row_id in reordered:
            row.facet_counts = counts[row_id]
            row.hits = counts[row_id]["0"]
            changed_rows.append(row)
    TopResults.objects.filter(pk__in=stale).delete()
    TopResults.objects.bulk_update(changed_rows, ["ranked", "facet_counts", "hits"])
