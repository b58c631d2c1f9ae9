from django.core.management.base import BaseCommand

from conversations.retention import delete_expired


class Command(BaseCommand):
    help = "Delete conversations whose last message is older than CONVERSATION_RETENTION_MONTHS."

    def handle(self, *args, **options):
        count = delete_expired()
        self.stdout.write(f"Deleted {count} expired conversation(s).")
