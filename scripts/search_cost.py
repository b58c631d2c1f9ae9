#!/usr/bin/env python
"""What a computed search costs, drawn like the load test's search phases: database and app time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gfmd_load python scripts/search_cost.py

The queries are ``load_test.search_queries`` over the title words of the newest 2,000 published
practices (the load test reads the same through the API): one or two words, a third with a
theme, pillar or State. Each is searched once as the search page does (a page of cards, every
facet count, snippets) with the public version bumped first, so nothing comes from the cache.
Printed: the mean, median and p95 per search of the time in database statements (as the app
sees it: execution and round trip), of this process's CPU (the app's own work) and of the whole.
The load test's throughput moves with the machine (±15% and more between runs); these figures
follow what one search costs.
"""

import argparse
import random
import time

from django.db import connection
from django.http import QueryDict
from inprocess import percentile
from load_test import search_queries, title_words

from core.cache import bump_public_version
from practices.filters import PracticeFilter
from practices.models import Pillar, Practice, Theme
from practices.search_results import search, searchable


def targets():
    """What ``load_test.collect_targets`` reads through the API, read from the database."""
    practices = Practice.objects.published().order_by("-published_at")[:2000]
    rows = list(practices.values_list("title", "lead_state__slug"))
    return {
        "words": title_words(title for title, _state in rows),
        "themes": list(Theme.objects.values_list("slug", flat=True)),
        "pillars": list(Pillar.objects.values_list("slug", flat=True)),
        "states": sorted({state for _title, state in rows if state}),
    }


def summary(label, samples):
    mean = sum(samples) / len(samples)
    median, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
    return f"{label} {mean:.1f} / {median:.1f} / {p95:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.queries <= 15_000:
        parser.error("--queries must be between 1 and 15,000 (each is one computed search)")
    rng = random.Random(args.seed)  # noqa: S311 - reproducible queries, not secrets
    queries = search_queries(targets(), args.queries, rng)

    statements = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(time.perf_counter() - started)

    database, cpu, whole = [], [], []
    with connection.execute_wrapper(timed):
        for query in queries:
            bump_public_version()
            statements.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            search(PracticeFilter(QueryDict(query), queryset=searchable()))
            whole.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            database.append(sum(statements) * 1000)
    print(f"{len(queries):,} computed searches ({connection.vendor}); ms mean / median / p95:")
    print(summary("  database", database))
    print(summary("  app CPU ", cpu))
    print(summary("  whole   ", whole))


if __name__ == "__main__":
    main()
