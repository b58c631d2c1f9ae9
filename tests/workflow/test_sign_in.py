"""Sign-in at /en/accounts/login/: lockout after repeated failures, a new session key at sign-in,
sign-out by POST ending the session, and a record of every attempt."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.shortcuts import resolve_url

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _sign_in(client, user, password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": password})


def test_sign_in_lives_at_the_conventional_address(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_a_good_password_signs_in_and_follows_next(client, submitter):
    response = client.post(
        LOGIN,
        {"username": submitter.username, "password": TEST_PASSWORD, "next": "/en/my-state/"},
    )
    assert response.status_code == 302
    assert response.url == "/en/my-state/"
    assert client.session[SESSION_KEY] == str(submitter.pk)


def test_next_cannot_send_the_user_to_another_site(client, submitter):
    response = client.post(
        LOGIN,
        {
            "username": submitter.username,
            "password": TEST_PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)


def test_the_session_key_changes_at_sign_in(client, submitter):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    _sign_in(client, submitter)
    assert client.session.session_key != before


def test_sign_out_needs_a_post_and_ends_the_session(client, submitter):
    _sign_in(client, submitter)
    key = client.session.session_key
    assert client.get("/en/accounts/logout/").status_code == 405
    assert SESSION_KEY in client.session
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


def test_repeated_failures_lock_the_account_with_a_friendly_page(client, submitter):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, submitter, password="wrong-password-123")
        assert response.status_code == 200
        assert "did not match" in response.content.decode()
    locked = _sign_in(client, submitter, password="wrong-password-123")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in temporarily locked" in html
    assert "Traceback" not in html
    # Even the right password is refused while the lock lasts.
    again = _sign_in(client, submitter)
    assert again.status_code == 429
    assert SESSION_KEY not in client.session


def test_a_lockout_for_one_account_does_not_lock_another(client, submitter, other_submitter):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, submitter, password="wrong-password-123")
    response = _sign_in(client, other_submitter)
    assert response.status_code == 302


def test_successful_and_failed_sign_ins_are_recorded(client, submitter):
    _sign_in(client, submitter, password="wrong-password-123")
    assert AccessFailureLog.objects.filter(username=submitter.username).count() == 1
    assert AccessAttempt.objects.filter(username=submitter.username).exists()
    _sign_in(client, submitter)
    log = AccessLog.objects.get(username=submitter.username)
    assert log.ip_address == "127.0.0.1"
    assert log.attempt_time is not None
    # Success resets the failure counter but keeps the failure log.
    assert not AccessAttempt.objects.filter(username=submitter.username).exists()
    assert AccessFailureLog.objects.filter(username=submitter.username).count() == 1


def test_sign_out_is_recorded(client, submitter):
    _sign_in(client, submitter)
    client.post("/en/accounts/logout/")
    assert AccessLog.objects.get(username=submitter.username).logout_time is not None
