from django.core.management.base import BaseCommand

from questionnaires.loader import load_questionnaires


class Command(BaseCommand):
    help = "Load the paper's questionnaire rounds, reported figures and named answers (idempotent)."

    def handle(self, *args, **options):
        count = load_questionnaires()
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} questionnaire rows."))
