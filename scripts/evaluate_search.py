#!/usr/bin/env python
"""Relevance of the search engine on a judged set: MRR, recall@5 and nDCG@10.

Runs each query of ``scripts/judged_queries.json`` (or ``--judged FILE``) through the search page's
own engine (``practices.search_results.search``) in the query's UI language, against the
database of ``DATABASE_URL`` (SQLite by default), which must hold the default data::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gfmd_eval  # or sqlite:////tmp/e.db
    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py load_default_data
    DEBUG=1 .venv/bin/python scripts/evaluate_search.py

A search that finds ``FEW_HITS`` practices or fewer and offers "Did you mean" is judged by the
suggested search's results, as a reader would follow the link. Per query: the reciprocal rank of
the first relevant practice (0 if none in the top 10), recall@5 = relevant practices in the top 5
/ min(5, number of relevant ones), and nDCG@10 with binary gains. Printed per language, per kind
of query, and overall, for the engine in use; ``--verbose`` lists every query's figures and
``--json`` prints them as JSON.
"""

import argparse
import json
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd_platform.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.utils import translation  # noqa: E402

from practices.filters import PracticeFilter  # noqa: E402
from practices.models import Practice  # noqa: E402
from practices.search_results import did_you_mean, search, searchable  # noqa: E402
from search.backends import get_backend  # noqa: E402

JUDGED = Path(__file__).resolve().parent / "judged_queries.json"
DEPTH = 10


def ranked_slugs(text, language):
    """The top ``DEPTH`` slugs for ``text`` searched in ``language`` (following a suggestion)."""
    with translation.override(language):
        results = search(
            PracticeFilter(QueryDict.fromkeys(["q"], text), queryset=searchable()),
            page_size=DEPTH,
            facets=False,
        )
        corrected = did_you_mean(results.criteria, results.count, language)
        if corrected:
            return ranked_slugs_plain(corrected), corrected
        ids = [practice.pk for practice in results.page.object_list]
    return _slugs(ids), None


def ranked_slugs_plain(text):
    results = search(
        PracticeFilter(QueryDict.fromkeys(["q"], text), queryset=searchable()),
        page_size=DEPTH,
        facets=False,
    )
    return _slugs([practice.pk for practice in results.page.object_list])


def _slugs(ids):
    slugs = dict(Practice.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


def measure(ranked, relevant):
    """(reciprocal rank, recall@5, nDCG@10) of ``ranked`` slugs against the ``relevant`` set."""
    relevant = set(relevant)
    first = next((rank for rank, slug in enumerate(ranked, 1) if slug in relevant), None)
    recall = len(relevant & set(ranked[:5])) / min(5, len(relevant))
    dcg = sum(
        1 / math.log2(rank + 1) for rank, slug in enumerate(ranked[:DEPTH], 1) if slug in relevant
    )
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(DEPTH, len(relevant)) + 1))
    return (1 / first if first else 0.0), recall, dcg / ideal


def engine_name():
    backend = get_backend()
    name = f"{connection.vendor} ({backend.__name__})"
    if connection.vendor == "postgresql":
        from search.backends.postgres.sql import rum_indexes_present

        name += ", RUM" if rum_indexes_present() else ", ts_rank"
    return name


def evaluate(queries):
    """Every query's figures, as dicts."""
    rows = []
    for query in queries:
        ranked, corrected = ranked_slugs(query["q"], query["language"])
        rr, recall, ndcg = measure(ranked, query["relevant"])
        rows.append(
            {
                **query,
                "rr": rr,
                "recall5": recall,
                "ndcg10": ndcg,
                "followed": corrected,
                "top5": ranked[:5],
            }
        )
    return rows


def summary(rows, key):
    groups = {}
    for row in rows:
        groups.setdefault(row[key] if key else "all", []).append(row)
    return {
        name: {
            "queries": len(group),
            "MRR": sum(r["rr"] for r in group) / len(group),
            "recall@5": sum(r["recall5"] for r in group) / len(group),
            "nDCG@10": sum(r["ndcg10"] for r in group) / len(group),
        }
        for name, group in sorted(groups.items())
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", type=Path, default=JUDGED, help="the judged queries (JSON)")
    parser.add_argument("--limit", type=int, help="only the first N queries of each language")
    parser.add_argument("--verbose", action="store_true", help="every query's figures")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    queries = json.loads(args.judged.read_text(encoding="utf-8"))["queries"]
    if args.limit:
        seen = {}
        queries = [
            q
            for q in queries
            if seen.setdefault(q["language"], []).append(q)
            or len(seen[q["language"]]) <= args.limit
        ]
    rows = evaluate(queries)
    result = {
        "engine": engine_name(),
        "by_language": summary(rows, "language"),
        "by_kind": summary(rows, "kind"),
        "overall": summary(rows, None)["all"],
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return result
    print(f"Engine: {result['engine']}; {len(rows)} judged queries ({args.judged.name})")
    print(f"{'':16} {'queries':>7} {'MRR':>6} {'recall@5':>9} {'nDCG@10':>8}")
    for title, block in (("language", result["by_language"]), ("kind", result["by_kind"])):
        for name, figures in block.items():
            print(
                f"{title[:4]} {name:11} {figures['queries']:>7} {figures['MRR']:>6.3f} "
                f"{figures['recall@5']:>9.3f} {figures['nDCG@10']:>8.3f}"
            )
    o = result["overall"]
    print(f"{'overall':16} {o['queries']:>7} {o['MRR']:>6.3f} ", end="")
    print(f"{o['recall@5']:>9.3f} {o['nDCG@10']:>8.3f}")
    if args.verbose:
        for row in rows:
            followed = f" -> {row['followed']!r}" if row["followed"] else ""
            print(
                f"  [{row['language']}] {row['q']!r}{followed}: RR {row['rr']:.2f} "
                f"R@5 {row['recall5']:.2f} nDCG {row['ndcg10']:.2f}  top5 {row['top5']}"
            )
    return result


if __name__ == "__main__":
    main()
