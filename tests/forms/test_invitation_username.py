"""The invitee is told how to sign in (their email address is their username), on the
acceptance page and in the email; the sign-in field says "Email or username"."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _invite(client, moderator, state, email, capture):
    client.force_login(moderator)
    with capture(execute=True):
        client.post(reverse("accounts:invite"), {"email": email, "state": state.pk})
    client.logout()
    return mail.outbox[-1]


def test_a_new_invitee_is_told_their_email_is_their_username(
    client, moderator, state, django_capture_on_commit_callbacks
):
    message = _invite(
        client, moderator, state, "nia@example.org", django_capture_on_commit_callbacks
    )
    assert "use your email address, nia@example.org, which is also your username" in message.body


def test_the_acceptance_page_names_the_username(
    client, moderator, state, django_capture_on_commit_callbacks
):
    message = _invite(
        client, moderator, state, "nia@example.org", django_capture_on_commit_callbacks
    )
    path = re.search(r"http://testserver(/en/accounts/invitation/\S+/)", message.body).group(1)
    page = client.get(path, follow=True).content.decode()
    assert "Your username is <strong>nia@example.org</strong>" in page


def test_an_existing_account_is_told_its_own_username(
    client, moderator, state, django_capture_on_commit_callbacks
):
    UserFactory(username="amina", email="amina@example.org")
    message = _invite(
        client, moderator, state, "amina@example.org", django_capture_on_commit_callbacks
    )
    assert "use your username, amina." in message.body


def test_the_sign_in_field_says_email_or_username(client):
    page = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">Email or username:</label>' in page


def test_an_invitee_signs_in_with_the_email_they_were_invited_at(client):
    UserFactory(username="nia@example.org", email="nia@example.org")
    response = client.post(
        reverse("login"), {"username": "nia@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_a_failed_sign_in_is_styled_as_an_error(client):
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong-one"})
    page = response.content.decode()
    assert 'class="form-problems" role="alert"' in page
    assert "css/workflow.css" in page  # where .form-problems is styled
