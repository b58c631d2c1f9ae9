"""Sending limits: password-reset emails per address and per account, join requests per account
and per client address; past the limit a reset is silently not sent (the page must not tell
whether an account exists) and a join request is refused, saying when to try again."""

import pytest
from django.core import mail

from accounts.models import JoinRequest
from tests import factories

pytestmark = pytest.mark.django_db

RESET = "/en/accounts/password_reset/"
JOIN = "/en/accounts/join/"


def test_password_reset_sends_at_most_the_limit_to_one_address(
    client, submitter, settings, any_cache
):
    answers = [
        client.post(RESET, {"email": submitter.email}).status_code
        for _request in range(settings.PASSWORD_RESET_LIMIT + 17)
    ]
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT
    # The same answer every time: nothing tells that the limit, or the account, is there.
    assert answers == [302] * len(answers)


def test_writing_the_address_differently_does_not_reset_the_count(client, submitter, settings):
    variants = [submitter.email, submitter.email.upper(), submitter.email.title()]
    for n in range(settings.PASSWORD_RESET_LIMIT + 3):
        client.post(RESET, {"email": variants[n % len(variants)]})
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT


def test_the_reset_limit_for_one_address_leaves_others_alone(client, submitter, settings):
    other = factories.UserFactory()
    for _request in range(settings.PASSWORD_RESET_LIMIT + 2):
        client.post(RESET, {"email": submitter.email})
    mail.outbox.clear()
    client.post(RESET, {"email": other.email})
    assert [message.to for message in mail.outbox] == [[other.email]]


def test_an_unknown_address_past_the_limit_gets_the_same_page(client, settings):
    for _request in range(settings.PASSWORD_RESET_LIMIT + 2):
        response = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/en/accounts/password_reset/done/")


def ask_to_join(client, states, django_capture_on_commit_callbacks, **headers):
    statuses = []
    for state in states:
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(client.post(JOIN, {"state": state.pk}, **headers).status_code)
    return statuses


def test_join_requests_are_limited_per_account(
    client, submitter, moderator, settings, django_capture_on_commit_callbacks, any_cache
):
    # 15 in a row was the finding; the factory cycles through a short list of States.
    states = factories.StateFactory.create_batch(settings.JOIN_REQUEST_LIMIT + 7)
    client.force_login(submitter)
    statuses = ask_to_join(client, states, django_capture_on_commit_callbacks)
    limit = settings.JOIN_REQUEST_LIMIT
    assert statuses == [302] * limit + [429] * (len(states) - limit)
    assert JoinRequest.objects.count() == limit
    assert len(mail.outbox) == limit
    refused = client.post(JOIN, {"state": states[-1].pk})
    assert "Try again in" in refused.content.decode()


def test_join_requests_are_limited_per_client_address(
    client, moderator, settings, django_capture_on_commit_callbacks
):
    limit = settings.JOIN_REQUEST_LIMIT
    states = factories.StateFactory.create_batch(limit + 1)
    statuses = []
    for _account in range(limit + 1):
        client.force_login(factories.UserFactory())
        statuses += ask_to_join(client, states[:1], django_capture_on_commit_callbacks)
    assert statuses == [302] * limit + [429]
    assert len(mail.outbox) == limit
