"""``manage.py create_demo_accounts``: sign-in accounts for trying the platform locally.

Only runs with DEBUG on; the passwords are printed and documented in the README, so these
accounts must never exist on a production server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_PASSWORD = "demo-platform-2008"

DEMO_ACCOUNTS = [
    {"username": "admin", "email": "admin@example.org", "is_staff": True, "is_superuser": True},
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts. Refuses to run unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only: set DEBUG=1.")
        user_model = get_user_model()
        for account in DEMO_ACCOUNTS:
            user, created = user_model.objects.update_or_create(
                username=account["username"],
                defaults={key: value for key, value in account.items() if key != "username"},
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            verb = "created" if created else "reset"
            self.stdout.write(f"  {account['username']} ({verb}), password: {DEMO_PASSWORD}")
