"""create_demo_accounts: an admin, a moderator, a Mexico submitter and a reviewer, idempotently."""

import pytest
from django.core.management import call_command

from states.models import StateMembership
from states.roles import is_moderator, is_reviewer
from tests.factories import StateFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_have_their_roles_and_survive_a_second_run(settings, django_user_model):
    settings.DEBUG = True
    mexico = StateFactory(iso2="MX", iso3="MEX", m49_code=484, name="Mexico", slug="mexico")
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    moderator = django_user_model.objects.get(username="moderator")
    submitter = django_user_model.objects.get(username="submitter")
    assert is_moderator(moderator)
    assert not is_moderator(submitter)
    assert list(StateMembership.objects.filter(user=submitter).values_list("state", flat=True)) == [
        mexico.pk
    ]
    assert moderator.groups.count() == 1
    assert moderator.check_password("demo-platform-2008")
    reviewer = django_user_model.objects.get(username="reviewer")
    assert is_reviewer(reviewer)
    assert not is_moderator(reviewer)
    assert not StateMembership.objects.filter(user=reviewer).exists()
