#!/usr/bin/env python
"""Search benchmark: p50/p95 server time per query class, with the database's own floor.

Run against a PostgreSQL or SQLite database that holds synthetic practices, e.g.::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/public   # or sqlite:////tmp/bench.sqlite3
    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py load_default_data
    DEBUG=1 .venv/bin/python manage.py generate_practices 10000
    .venv/bin/python scripts/benchmark_search.py --runs 30

On SQLite the word statistics come from the FTS5 index's terms (``search_fts_terms``), there is
no floor (SQLite has no EXPLAIN ANALYZE) and no precomputed top results (no first search).

It runs with DEBUG off (no SQL logging), as production does.

Query classes are picked from the index's own word statistics (``ts_stat``): the commonest
word, a word in about 25% of practices, a rare word, two words each in about 30%, a phrase, and
no hits. Each is timed as page + count, as page + count + all facet counts (the engine calls),
and as the whole search page through Django's test client (middleware, view, templates), and
the API's search (a page of 20 full representations, no facet counts) the same way. Then a
filter-only listing and the practice page (first view, and cached). ``floor`` is PostgreSQL's
own execution time of the same statements (EXPLAIN ANALYZE): what no code above the database can
beat (0 where precomputed top results answer without a statement). Last, the one slow case: the
first search ever for a costly phrase, which builds its top results.
"""

import argparse
import json
import os
import sys
import time

from django.db import connection
from django.http import QueryDict
from inprocess import client as test_client
from inprocess import percentile

from core.cache import bump_public_version
from practices.filters import PracticeFilter
from practices.models import Practice, Theme
from practices.search_results import search, searchable
from practices.synthetic import ADJECTIVES, VERBS, TextGenerator
from search.backends import PostgresSearch
from search.criteria import Criteria
from search.models import TopResults
from search.text import stem_words
from states.models import Region


def timed(function, runs, warmup=3):
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return percentile(samples, 0.5), percentile(samples, 0.95)


def word_statistics():
    """(total, [(surface word, documents containing it)]) most frequent first.

    ``ts_stat`` gives stems; each is mapped back to a word of the synthetic vocabulary that
    stems to it, so that queries are typed as a reader would type them.
    """
    generator = TextGenerator()
    vocabulary = sorted({*generator.nouns, *VERBS, *ADJECTIVES})
    if connection.vendor == "sqlite":
        return _sqlite_word_statistics(vocabulary)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT DISTINCT ON (stem) stem, w FROM (SELECT w, "
            "(ts_lexize('english_stem', w))[1] AS stem FROM unnest(%s::text[]) w) s "
            "WHERE stem IS NOT NULL ORDER BY stem, length(w)",
            [vocabulary],
        )
        surface = dict(cursor.fetchall())
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT vector FROM search_searchdocument') "
            "ORDER BY ndoc DESC"
        )
        return total, [(surface[w], n) for w, n in cursor.fetchall() if w in surface]


def _sqlite_word_statistics(vocabulary):
    """``word_statistics`` from the FTS5 index's terms (English stems, like the synthetic text)."""
    surface = {}
    for word, stem in sorted(zip(vocabulary, stem_words(vocabulary, "en"), strict=True)):
        if stem not in surface or len(word) < len(surface[stem]):
            surface[stem] = word
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument")
        total = cursor.fetchone()[0]
        cursor.execute("SELECT term, doc FROM search_fts_terms ORDER BY doc DESC")
        return total, [(surface[w], n) for w, n in cursor.fetchall() if w in surface]


def closest(words, target, exclude=()):
    candidates = [(abs(ndoc - target), word) for word, ndoc in words if word not in exclude]
    return min(candidates)[1]


def query_classes(total, words):
    commonest = words[0][0]
    quarter = closest(words, total * 0.25)
    rare = closest(words, max(3, total * 0.001))
    first = closest(words, total * 0.30)
    second = closest(words, total * 0.30, exclude={first})
    return [
        ("commonest word", commonest),
        ("word in ~25%", quarter),
        ("rare word", rare),
        ("two words", f"{first} {second}"),
        ("phrase", '"circular migration"'),
        ("no hits", "zzyzxq"),
    ]


def explain_ms(engine, sql, params):
    with engine.planned(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Execution Time"]


def first_search():
    """The one slow search: a costly query nobody ran before, which builds its top results."""
    text = '"circular migration"'
    engine = PostgresSearch(criteria=Criteria(text=text))
    TopResults.objects.filter(query__in=[top.query for top in engine.tops.values()]).delete()
    bump_public_version()
    data = QueryDict(mutable=True)
    data["q"] = text
    started = time.perf_counter()
    search(PracticeFilter(data, queryset=searchable()))
    elapsed = (time.perf_counter() - started) * 1000
    learned = PostgresSearch(criteria=Criteria(text=text)).tops
    print(
        f"First search ever for {text} (page + facets, learning its top results: "
        f"{'built' if learned else 'none needed'}): {elapsed:.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    postgres = connection.vendor == "postgresql"
    if not postgres and connection.vendor != "sqlite":
        sys.exit("The benchmark measures the PostgreSQL or SQLite engine: set DATABASE_URL.")
    client = test_client()
    total, words = word_statistics()
    if postgres:
        ranking = PostgresSearch(criteria=Criteria()).ranking
        engine_name = f"PostgreSQL {connection.pg_version}; ranking={ranking}"
    else:
        engine_name = f"SQLite {connection.Database.sqlite_version}; FTS5 bm25"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{total:,} indexed practices; {engine_name}; "
        f"runs={args.runs}; load average {load} on {os.cpu_count()} CPUs"
    )
    header = (
        f"{'class':<16} {'query':<22} {'hits':>7} | {'page+count':>15} | "
        f"{'+facets':>15} | {'HTTP page':>15} | {'HTTP API':>15} | {'floor page/facets':>18}"
    )
    print(header)
    print("-" * len(header))
    for label, text in query_classes(total, words):
        data = QueryDict(mutable=True)
        data["q"] = text

        def engine(facets, data=data):
            bump_public_version()  # Cold figures: no facet counts cached from the last run.
            results = search(PracticeFilter(data, queryset=searchable()), facets=facets)
            list(results.page.object_list)
            return results

        hits = engine(False).count
        plain = timed(lambda engine=engine: engine(False), args.runs)
        faceted = timed(lambda engine=engine: engine(True), args.runs)

        def http_page(data=data):
            bump_public_version()
            client.get("/en/practices/", data)

        page = timed(http_page, args.runs)

        def http_api(data=data):
            bump_public_version()
            response = client.get("/api/v1/practices/", data)
            assert response.status_code == 200, response.content

        api = timed(http_api, args.runs)
        floor = (float("nan"), float("nan"))
        if postgres:
            fast = PostgresSearch(PracticeFilter(data, queryset=searchable()))
            # Counts served by precomputed top results run no statement: nothing to explain.
            floor = (
                explain_ms(fast, *fast.page_sql(0, 20)),
                0.0 if fast.tops else explain_ms(fast, *fast.facet_sql()),
            )
        print(
            f"{label:<16} {text[:22]:<22} {hits:>7,} | "
            f"{plain[0]:6.1f} / {plain[1]:6.1f} | {faceted[0]:6.1f} / {faceted[1]:6.1f} | "
            f"{page[0]:6.1f} / {page[1]:6.1f} | {api[0]:6.1f} / {api[1]:6.1f} | "
            f"{floor[0]:7.1f} / {floor[1]:7.1f}"
        )
    theme = Theme.objects.order_by("pk").first()
    region = Region.objects.filter(level=Region.Level.REGION).order_by("pk").first()
    listing = {"theme": theme.slug, "region": region.slug}
    data = QueryDict(mutable=True)
    data.update(listing)

    def filtered_page():
        bump_public_version()
        client.get("/en/practices/", listing)

    filtered = timed(filtered_page, args.runs)
    hits = search(PracticeFilter(data, queryset=searchable()), facets=False).count
    print(
        f"{'filter only':<16} {'theme+region':<22} {hits:>7,} | {'':>15} | {'':>15} | "
        f"{filtered[0]:6.1f} / {filtered[1]:6.1f} |"
    )
    slugs = list(
        Practice.objects.published().order_by("?").values_list("slug", flat=True)[: args.runs]
    )
    position = iter(range(10**9))

    def practice_page(first_view):
        if first_view:
            bump_public_version()  # Nothing cached: relations, related practices, rendering.
        client.get(f"/en/practices/{slugs[next(position) % len(slugs)]}/")

    for label, first_view in (("practice page", True), ("  (cached)", False)):
        if not first_view:
            for _ in slugs:  # Every page viewed once since the last publication.
                practice_page(False)
        detail = timed(lambda first_view=first_view: practice_page(first_view), args.runs)
        print(
            f"{label:<16} {'':<22} {'':>7} | {'':>15} | {'':>15} | "
            f"{detail[0]:6.1f} / {detail[1]:6.1f} |"
        )
    if postgres:
        first_search()
    print("Times in ms, p50 / p95.")


if __name__ == "__main__":
    main()
