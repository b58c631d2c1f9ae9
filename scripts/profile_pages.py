#!/usr/bin/env python
"""Where a public page's time goes: CPU ms per request, its queries, and a pyinstrument profile.

Run against a database holding synthetic practices (see ``benchmark_search.py``)::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench
    .venv/bin/pip install pyinstrument      # for --profile; not a dependency of the project
    .venv/bin/python scripts/profile_pages.py --runs 30 [--profile /tmp/profiles] [--only home]

Each scenario is a request through Django's test client, DEBUG off as in production, timed
``--runs`` times: *cold* starts a new public version before each request (nothing cached
since the last publication: the first view after one), *warm* repeats a request whose answers
are cached. The figures are the median of this process's CPU time (``time.process_time``:
what the request costs the app server, whatever else the machine runs), the median wall time
(the CPU time plus waiting for the database, which a loaded machine stretches), then, from one
more request of the same kind with the queries recorded, their number and their total time as
this process saw them. With ``--profile DIR`` a pyinstrument profile of the timed requests is
written per scenario (``DIR/<scenario>.txt``, and ``.html``).
"""

import argparse
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from inprocess import client as test_client

from core.cache import bump_public_version
from practices.models import Practice
from search.models import Vocabulary

# Words the synthetic practices hold in a fair share of them, and two-word searches over them.
SEARCH_WORDS = ("insurance", "unit", "programme", "diaspora", "society", "network", "labour")


def scenarios(runs):
    """``{name: (kind, request function)}``; ``kind`` "cold" bumps the public version first."""
    languages = [code for code, _name in settings.LANGUAGES]
    slugs = list(Practice.objects.published().order_by("?").values_list("slug", flat=True)[:runs])
    words = _search_words(runs)
    counter = iter(range(10**9))

    def each(items):
        return lambda: items[next(counter) % len(items)]

    next_slug, next_words = each(slugs), each(words)
    found = {}
    for language in languages:
        found[f"home {language} cold"] = ("cold", lambda language=language: f"/{language}/")
        found[f"home {language} warm"] = ("warm", lambda language=language: f"/{language}/")
    found["practice page cold"] = ("cold", lambda: f"/en/practices/{next_slug()}/")
    found["practice page warm"] = ("warm", lambda: f"/en/practices/{slugs[0]}/")
    found["search page cold"] = ("cold", lambda: f"/en/practices/?q={next_words()}")
    found["search page warm"] = ("warm", lambda: f"/en/practices/?q={words[0]}")
    found["search api cold"] = ("cold", lambda: f"/api/v1/practices/?q={next_words()}")
    found["search api warm"] = ("warm", lambda: f"/api/v1/practices/?q={words[0]}")
    return found


def _search_words(runs):
    """``runs`` searches of one or two words, from words the index holds."""
    known = set(Vocabulary.objects.filter(word__in=SEARCH_WORDS).values_list("word", flat=True))
    chosen = [word for word in SEARCH_WORDS if word in known] or ["migration"]
    pairs = [f"{a}+{b}" for a in chosen for b in chosen if a < b]
    return (chosen + pairs) * (runs // max(1, len(chosen + pairs)) + 1)


def measure(client, kind, path_of, runs, profiler=None):
    """``(median CPU ms, median wall ms, queries, query ms)`` of ``runs`` requests."""

    def one():
        if kind == "cold":
            bump_public_version()
        path = path_of()
        started_cpu, started = time.process_time(), time.perf_counter()
        response = client.get(path)
        elapsed = time.process_time() - started_cpu, time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        return elapsed

    for _ in range(3):  # warm the process: imports, kept tables, templates, this answer
        one()
    if profiler:
        profiler.start()
    samples = [one() for _ in range(runs)]
    if profiler:
        profiler.stop()
    with CaptureQueriesContext(connection) as queries:
        one()
    return (
        statistics.median(cpu for cpu, _wall in samples) * 1000,
        statistics.median(wall for _cpu, wall in samples) * 1000,
        len(queries.captured_queries),
        sum(float(query["time"]) for query in queries.captured_queries) * 1000,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles here")
    parser.add_argument("--only", nargs="*", default=(), help="scenarios starting with these")
    args = parser.parse_args()
    client = test_client()
    if args.profile:
        from pyinstrument import Profiler  # noqa: PLC0415 - only needed with --profile

        args.profile.mkdir(parents=True, exist_ok=True)
    print(f"{connection.vendor}; runs={args.runs}; CPU and wall ms are medians")
    print(f"{'scenario':<22} {'CPU ms':>8} {'wall ms':>8} {'queries':>8} {'query ms':>9}")
    for name, (kind, path_of) in scenarios(args.runs).items():
        if args.only and not name.startswith(tuple(args.only)):
            continue
        profiler = Profiler(interval=0.0005) if args.profile else None
        cpu, wall, count, sql = measure(client, kind, path_of, args.runs, profiler)
        print(f"{name:<22} {cpu:8.1f} {wall:8.1f} {count:8d} {sql:9.1f}", flush=True)
        if profiler:
            stem = args.profile / name.replace(" ", "_")
            stem.with_suffix(".txt").write_text(
                profiler.output_text(unicode=True, show_all=False, timeline=False)
            )
            stem.with_suffix(".html").write_text(profiler.output_html())


if __name__ == "__main__":
    main()
