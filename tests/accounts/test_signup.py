"""Reader sign-up (django-allauth): a confirmation link, sign-in by username or email, and clear
messages that keep what was typed for a taken or malformed address, a weak password, and a
reused or expired link."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"
LOGIN = "/en/accounts/login/"


def _sign_up(client, sent, **data):
    fields = {
        "username": "new-reader",
        "email": "new.reader@readers.example",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        **data,
    }
    with sent():
        return client.post(SIGNUP, fields)


def _link(message):
    return re.search(r"https?://[^/\s]+(/en/accounts/confirm-email/\S+/)", message.body).group(1)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_reader_who_signs_up_gets_a_link_and_is_signed_in_once_they_confirm(client, sent):
    response = _sign_up(client, sent)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert [m.to for m in mail.outbox] == [["new.reader@readers.example"]]
    assert mail.outbox[0].subject == "[GFMD] Confirm your email address"
    user = get_user_model().objects.get(username="new-reader")
    assert not EmailAddress.objects.get(user=user).verified

    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/en/my-questions/").status_code == 200


def test_a_confirmed_reader_signs_in_with_their_email_address_or_username(client, sent):
    _sign_up(client, sent)
    client.post(_link(mail.outbox[0]))
    for login in ("new.reader@readers.example", "NEW.READER@readers.example", "new-reader"):
        fresh = Client()
        response = fresh.post(LOGIN, {"username": login, "password": TEST_PASSWORD})
        assert response.status_code == 302, login


def test_an_unconfirmed_reader_cannot_sign_in_and_gets_a_new_link(client, sent):
    _sign_up(client, sent)
    mail.outbox.clear()
    cache.clear()  # allauth sends one link per address every few minutes: they have passed
    with sent():
        response = Client().post(LOGIN, {"username": "new-reader", "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "Confirm your email address first" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["new.reader@readers.example"]]


def test_a_taken_email_address_is_refused_clearly_keeping_what_was_typed(client, sent):
    factories.UserFactory(email="taken@readers.example")
    response = _sign_up(client, sent, email="taken@readers.example", username="typed-name")
    body = response.content.decode()
    assert response.status_code == 200
    assert "already registered with this email address" in body
    assert 'value="typed-name"' in body
    assert mail.outbox == []


def test_a_malformed_address_and_a_weak_password_are_refused_keeping_the_username(client, sent):
    response = _sign_up(client, sent, email="not-an-address", username="typed-name")
    assert "Enter a valid email address." in response.content.decode()
    response = _sign_up(client, sent, password1="short", password2="short", username="typed-name")
    body = response.content.decode()
    assert "at least 12 characters" in body
    assert 'value="typed-name"' in body
    response = _sign_up(client, sent, password1="123456789012345", password2="123456789012345")
    assert "entirely numeric" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_reused_link_says_it_was_used_or_expired(client, sent):
    _sign_up(client, sent)
    link = _link(mail.outbox[0])
    client.post(link)
    again = Client().get(link)
    assert again.status_code == 200
    assert "expired, or it was used already" in again.content.decode()


def test_an_expired_link_says_so(client, sent, settings):
    _sign_up(client, sent)
    link = _link(mail.outbox[0])
    later = timezone.now() + timedelta(days=settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS + 1)
    from unittest import mock

    # The clock, not our code: allauth's signed key carries when it was made.
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = Client().get(link)
    assert "expired, or it was used already" in response.content.decode()
    assert not EmailAddress.objects.get().verified


def test_an_accepted_invitation_counts_as_a_confirmed_address(
    client, moderator, state, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/invite/", {"email": "invited@gov.example", "state": state.pk})
    client.logout()
    link = re.search(r"(/en/accounts/invitation/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": TEST_PASSWORD, "new_password2": TEST_PASSWORD},
    )
    address = EmailAddress.objects.get(email="invited@gov.example")
    assert (address.verified, address.primary) == (True, True)
    response = Client().post(LOGIN, {"username": "invited@gov.example", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_pages_of_the_sign_up_flow_use_the_site_layout(client):
    page = client.get(SIGNUP).content.decode()
    assert "skip-link" in page
    assert "<script>" not in page


def test_allauths_password_reset_leads_to_the_rate_limited_one(client):
    response = client.get("/en/accounts/password/reset/")
    assert (response.status_code, response["Location"]) == (302, "/en/accounts/password_reset/")
