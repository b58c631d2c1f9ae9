#!/usr/bin/env python
"""Alerts benchmark: build and queue every digest of 10,000 subscriptions against 500 newly
published practices; print the time and the query counts.

Run against a database that holds published practices (at least ``--practices``), e.g.::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/alerts_bench
    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py load_default_data
    DEBUG=1 .venv/bin/python manage.py generate_practices 2000
    .venv/bin/python scripts/benchmark_alerts.py

The newest ``--practices`` published practices are dated within the last day (their previous
dates are put back at the end). ``--subscriptions`` synthetic subscriptions
(``reader-N@bench.invalid``, removed at the end with their send marks) are half facet follows
(a theme, GCM objective, region, State or pillar) and half saved searches with words (one of
``--texts`` distinct word queries, a third of them also with a theme). With
``CELERY_BROKER_URL`` (e.g. ``redis://127.0.0.1:6379/4``) the emails are queued to the broker and
purged from it afterwards; without, the email tasks run in process into Django's in-memory
backend. The run is repeated with a quarter of the subscriptions to show
that the queries per batch do not grow with the subscriptions of a batch.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta

# Before ``inprocess`` sets Django up: the emails go to Django's in-memory outbox.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import inprocess  # noqa: E402, F401 - Django set up as production runs it
from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from alerts import digests  # noqa: E402
from alerts.matching import read_search  # noqa: E402
from alerts.models import Subscription  # noqa: E402
from gfmd_platform.celery import app as celery_app  # noqa: E402
from practices.models import GcmObjective, Pillar, Practice, Theme  # noqa: E402
from practices.synthetic import NOUNS  # noqa: E402
from states.models import Region, State  # noqa: E402

DOMAIN = "bench.invalid"


def facet_queries(rng, count):
    pools = [
        ("theme", list(Theme.objects.values_list("slug", flat=True))),
        ("gcm", [str(n) for n in GcmObjective.objects.values_list("number", flat=True)]),
        ("region", list(Region.objects.values_list("slug", flat=True))),
        ("state", list(State.objects.values_list("slug", flat=True))),
        ("pillar", list(Pillar.objects.values_list("slug", flat=True))),
    ]
    pools = [(name, values) for name, values in pools if values]
    for _ in range(count):
        name, values = rng.choice(pools)
        yield f"{name}={rng.choice(values)}"


def word_queries(rng, count, texts):
    themes = list(Theme.objects.values_list("slug", flat=True))
    words = [" ".join(rng.sample(NOUNS, rng.choice((1, 2)))) for _ in range(texts)]
    for number in range(count):
        query = QueryDict(mutable=True)
        query["q"] = rng.choice(words)
        if number % 3 == 0 and themes:
            query["theme"] = rng.choice(themes)
        yield query.urlencode()


def create_subscriptions(rng, count, texts, confirmed_at):
    queries = [*facet_queries(rng, count // 2), *word_queries(rng, count - count // 2, texts)]
    rng.shuffle(queries)
    read = {}
    rows = []
    for number, query in enumerate(queries):
        if query not in read:
            read[query] = read_search(QueryDict(query))
        stored, criteria = read[query]
        rows.append(
            Subscription(
                email=f"reader-{number}@{DOMAIN}",
                query=stored,
                criteria=criteria,
                label=stored[:500],
                frequency=Subscription.Frequency.DAILY,
                confirmed_at=confirmed_at,
            )
        )
    Subscription.objects.bulk_create(rows, batch_size=2000)
    return len(read)


def run(count, args, rng, confirmed_at):
    Subscription.objects.filter(email__endswith=DOMAIN).delete()
    distinct = create_subscriptions(rng, count, args.texts, confirmed_at)
    mail.outbox = []
    per_batch = []
    original = digests._Run.send_batch

    def counted(*arguments):
        with CaptureQueriesContext(connection) as batch_queries:
            result = original(*arguments)
        per_batch.append(len(batch_queries) + 1)  # and the one that read the batch
        return result

    digests._Run.send_batch = counted
    started = time.perf_counter()
    try:
        with CaptureQueriesContext(connection) as queries:
            emails, sent = digests.send_digests(Subscription.Frequency.DAILY)
    finally:
        digests._Run.send_batch = original
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            celery_app.control.purge()  # nobody is to receive these emails
    elapsed = time.perf_counter() - started
    return {
        "subscriptions": count,
        "distinct searches": distinct,
        "emails": emails,
        "practices sent": sent,
        "seconds": round(elapsed, 1),
        "queries": len(queries),
        "batches": len(per_batch),
        "queries per batch": f"{min(per_batch)}-{max(per_batch)}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--practices", type=int, default=500)
    parser.add_argument("--texts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - synthetic data, not secrets
    now = timezone.now()
    newest = list(
        Practice.objects.published()
        .order_by("-published_at", "pk")
        .values_list("pk", "published_at")[: args.practices]
    )
    if len(newest) < args.practices:
        sys.exit(f"Only {len(newest)} published practices: run generate_practices first.")
    print(
        f"{connection.vendor}, batch size {settings.ALERTS_BATCH_SIZE}, broker "
        f"{'eager (in process)' if settings.CELERY_TASK_ALWAYS_EAGER else 'Redis'}"
    )
    try:
        with transaction.atomic():
            for number, (pk, _published) in enumerate(newest):
                Practice.objects.filter(pk=pk).update(
                    published_at=now - timedelta(minutes=number % 1440)
                )
        results = [
            run(count, args, rng, now - timedelta(days=2))
            for count in (args.subscriptions // 4, args.subscriptions)
        ]
    finally:
        Subscription.objects.filter(email__endswith=DOMAIN).delete()
        with transaction.atomic():
            for pk, published in newest:
                Practice.objects.filter(pk=pk).update(published_at=published)
    for result in results:
        print("  ".join(f"{name}: {value}" for name, value in result.items()))


if __name__ == "__main__":
    main()
