"""``manage.py create_demo_accounts``: sign-in accounts for trying the platform locally.

Only runs with DEBUG on; the passwords are printed and documented in the README, so these
accounts must never exist on a production server. Running it again resets the passwords and
restores the groups and State memberships (nothing is duplicated).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from states.models import State, StateMembership

DEMO_PASSWORD = "demo-platform-2008"

DEMO_ACCOUNTS = [
    {"username": "admin", "email": "admin@example.org", "is_staff": True, "is_superuser": True},
    {
        "username": "moderator",
        "email": "moderator@example.org",
        "first_name": "Demo",
        "last_name": "Moderator",
        "groups": ["Moderators"],
    },
    {
        "username": "submitter",
        "email": "submitter@example.org",
        "first_name": "Demo",
        "last_name": "Submitter (Mexico)",
        "states": ["MX"],
    },
    {
        "username": "reviewer",
        "email": "reviewer@example.org",
        "first_name": "Demo",
        "last_name": "Reviewer",
        "groups": ["Reviewers"],
    },
]
RELATIONS = ("groups", "states")


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts. Refuses to run unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only: set DEBUG=1.")
        user_model = get_user_model()
        for account in DEMO_ACCOUNTS:
            user, created = user_model.objects.update_or_create(
                username=account["username"],
                defaults={
                    key: value
                    for key, value in account.items()
                    if key != "username" and key not in RELATIONS
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            for name in account.get("groups", []):
                user.groups.add(Group.objects.get_or_create(name=name)[0])
            for iso2 in account.get("states", []):
                state = State.objects.filter(iso2=iso2).first()
                if state is None:
                    self.stderr.write(f"  State {iso2} is missing: run load_default_data first.")
                    continue
                StateMembership.objects.get_or_create(user=user, state=state)
            verb = "created" if created else "reset"
            self.stdout.write(f"  {account['username']} ({verb}), password: {DEMO_PASSWORD}")
