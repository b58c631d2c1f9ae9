"""``manage.py generate_practices N``: add N synthetic published practices, then index them.

For load and benchmark runs only (``scripts/benchmark_search.py``). The practices are spread
over every State, pillar, theme, GCM objective and the years 1975–2024, their text is about
4 KB of skewed-frequency prose, and they are marked ``Synthetic benchmark data`` as their source
so that ``--delete`` can remove them again.
"""

import sys
import time
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from practices.models import GcmObjective, Pillar, Practice, Theme
from practices.synthetic import TextGenerator, practice_fields
from practices.workflow import refresh_public_reads
from search.indexing import rebuild_derived, text_indexes_suspended
from states.models import RegionalBody, State

BATCH = 500
BULK = 5000
SOURCE = "Synthetic benchmark data"


def progress_bar(label, done, total, started, stream=sys.stderr):
    width = 30
    filled = int(width * done / total) if total else width
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed else 0
    stream.write(
        f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} ({rate:,.0f}/s)"
    )
    if done >= total:
        stream.write("\n")
    stream.flush()


class Command(BaseCommand):
    help = "Generate N synthetic published practices (for benchmarks) and index them."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--seed", type=int, default=2008)
        parser.add_argument(
            "--delete", action="store_true", help="Remove every synthetic practice first."
        )

    def handle(self, count, seed, delete, **options):
        if delete:
            removed, _detail = Practice.objects.filter(source_document=SOURCE).delete()
            self.stdout.write(f"Removed {removed:,} rows of synthetic data.")
            if count <= 0:
                self._rebuild_top_results()
        if count <= 0:
            return
        taxonomy = {
            "states": list(State.objects.values_list("pk", flat=True)),
            "pillars": list(Pillar.objects.values_list("pk", flat=True)),
            "themes": list(Theme.objects.values_list("pk", flat=True)),
            "gcm": list(GcmObjective.objects.values_list("pk", flat=True)),
            "bodies": list(RegionalBody.objects.values_list("pk", flat=True)),
        }
        if not (taxonomy["states"] and taxonomy["pillars"] and taxonomy["themes"]):
            raise CommandError("Load the reference data first: manage.py load_default_data")
        generator = TextGenerator(seed=seed)
        offset = Practice.objects.filter(source_document=SOURCE).count()
        started = time.monotonic()
        created_ids = []
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            with transaction.atomic():
                created_ids += self._batch(generator, taxonomy, offset + start, size)
            progress_bar("Creating", start + size, count, started)
        started = time.monotonic()
        # Rebuilding the text indexes once pays off for large loads only. The publish hook
        # makes cached public reads stale; the top results are rebuilt below, once the text
        # indexes are back (until then searches rank live: the same answers, slower).
        with text_indexes_suspended() if count >= BULK else nullcontext():
            refresh_public_reads(
                created_ids,
                progress=lambda done, total: progress_bar("Indexing", done, total, started),
                top_results=False,
            )
            self.stdout.write("Building the text indexes...")
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner keeps estimating the tables as near empty.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._rebuild_top_results()
        self.stdout.write(self.style.SUCCESS(f"Created and indexed {count:,} practices."))

    def _rebuild_top_results(self):
        started = time.monotonic()
        built = rebuild_derived(
            progress=lambda done, total: progress_bar("Top results", done, total, started)
        )
        self.stdout.write(f"Precomputed the top results of {built:,} frequent words.")

    def _batch(self, generator, taxonomy, first, size):
        rng = generator.rng

        def pick(population, count):
            return rng.sample(population, min(count, len(population)))

        practices = Practice.objects.bulk_create(
            [
                Practice(
                    **practice_fields(generator, first + n, taxonomy),
                    status=Practice.Status.PUBLISHED,
                )
                for n in range(size)
            ]
        )
        themes, objectives, partners, bodies = [], [], [], []
        for practice in practices:
            for theme in pick(taxonomy["themes"], rng.randint(1, 3)):
                themes.append(Practice.themes.through(practice_id=practice.pk, theme_id=theme))
            for objective in pick(taxonomy["gcm"], rng.randint(0, 3)):
                objectives.append(
                    Practice.gcm_objectives.through(
                        practice_id=practice.pk, gcmobjective_id=objective
                    )
                )
            for state in pick(taxonomy["states"], rng.choice([0, 0, 1, 2])):
                if state != practice.lead_state_id:
                    partners.append(
                        Practice.partner_states.through(practice_id=practice.pk, state_id=state)
                    )
            if taxonomy["bodies"] and rng.random() < 0.1:
                bodies.append(
                    Practice.partner_bodies.through(
                        practice_id=practice.pk, regionalbody_id=rng.choice(taxonomy["bodies"])
                    )
                )
        Practice.themes.through.objects.bulk_create(themes)
        Practice.gcm_objectives.through.objects.bulk_create(objectives)
        Practice.partner_states.through.objects.bulk_create(partners)
        Practice.partner_bodies.through.objects.bulk_create(bodies)
        return [practice.pk for practice in practices]
