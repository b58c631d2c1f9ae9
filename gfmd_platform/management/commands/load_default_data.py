"""``manage.py load_default_data``: the paper's facts and the reference data, idempotently."""

from django.core.management.base import BaseCommand

from gfmd_platform.default_data import load_default_data


class Command(BaseCommand):
    help = (
        "Load UN member States with their M49 regions, the taxonomy and the 2008 GFMD "
        "background paper's practices. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        def report(step, count):
            self.stdout.write(f"  {step}: {count:,}")

        self.stdout.write("Loading default data (one transaction)...")
        load_default_data(report=report)
        self.stdout.write(self.style.SUCCESS("Default data loaded."))
