"""Moderators invite submitters by email; the link lets them choose a (strong) password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Invitation
from states.models import StateMembership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INVITE = "/en/accounts/invite/"


def _invite(client, moderator, state, capture, email="new.person@gov.example"):
    client.force_login(moderator)
    with capture(execute=True):
        response = client.post(INVITE, {"email": email, "state": state.pk, "first_name": "Nia"})
    client.logout()
    return response


def _link(message):
    return re.search(r"http://testserver(/en/accounts/invitation/\S+/)", message.body).group(1)


def test_an_invitation_creates_an_account_with_a_membership_and_emails_a_link(
    client, moderator, state, django_capture_on_commit_callbacks
):
    response = _invite(client, moderator, state, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.person@gov.example")
    assert not user.has_usable_password()
    assert StateMembership.objects.filter(user=user, state=state).exists()
    invitation = Invitation.objects.get()
    assert (invitation.invited_by, invitation.accepted_at) == (moderator, None)
    assert mail.outbox[0].to == ["new.person@gov.example"]
    assert "/en/accounts/invitation/" in mail.outbox[0].body


def test_the_link_sets_a_password_once(
    client, moderator, state, django_capture_on_commit_callbacks
):
    _invite(client, moderator, state, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url,
        {"new_password1": "a-long-enough-passphrase", "new_password2": "a-long-enough-passphrase"},
    )
    assert response.status_code == 302
    assert response.url == "/en/accounts/login/"
    user = get_user_model().objects.get(email="new.person@gov.example")
    assert user.check_password("a-long-enough-passphrase")
    assert Invitation.objects.get().accepted_at is not None
    assert "no longer valid" in client.get(link, follow=True).content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [("short-pw-1", "at least 12 characters"), ("password1234", "too common")],
)
def test_short_and_common_passwords_are_refused(
    password, message, client, moderator, state, django_capture_on_commit_callbacks
):
    _invite(client, moderator, state, django_capture_on_commit_callbacks)
    form_page = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_inviting_an_existing_user_adds_the_state_without_a_new_account(
    client, moderator, state, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="known@gov.example")
    _invite(client, moderator, state, django_capture_on_commit_callbacks, email="KNOWN@gov.example")
    assert get_user_model().objects.filter(email__iexact="known@gov.example").count() == 1
    assert StateMembership.objects.filter(user=existing, state=state).exists()
    assert existing.has_usable_password()
    assert "/en/accounts/login/" in mail.outbox[0].body


def test_submitters_cannot_invite(client, submitter, state):
    client.force_login(submitter)
    response = client.post(INVITE, {"email": "x@gov.example", "state": state.pk})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
