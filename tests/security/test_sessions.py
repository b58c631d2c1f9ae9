"""Session lifetimes: an idle timeout for everyone, a shorter absolute lifetime for moderators
and admins; an ended session goes to the sign-in page with a message. Time is moved by writing
the session's stored timestamps back."""

import pytest
from django.contrib.auth import SESSION_KEY

from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/my-state/"


def sign_in(client, user):
    response = client.post(
        "/en/accounts/login/", {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def move_back(client, key, seconds):
    session = client.session
    session[key] -= seconds
    session.save()


def assert_sent_to_sign_in(client, response, text):
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert text in page.content.decode()


def test_signing_in_stamps_the_session(client, submitter):
    sign_in(client, submitter)
    assert client.session[SIGNED_IN_AT] == client.session[LAST_SEEN]


def test_an_idle_session_ends_with_a_message(client, submitter, settings):
    sign_in(client, submitter)
    move_back(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(DASHBOARD)
    assert_sent_to_sign_in(client, response, "period of inactivity")


def test_activity_keeps_a_session_alive(client, submitter, settings):
    sign_in(client, submitter)
    move_back(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT - 120)
    assert client.get(DASHBOARD).status_code == 200
    move_back(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT - 120)
    assert client.get(DASHBOARD).status_code == 200


def test_a_submitters_session_outlives_the_privileged_lifetime(client, submitter, settings):
    sign_in(client, submitter)
    move_back(client, SIGNED_IN_AT, settings.PRIVILEGED_SESSION_MAX_AGE + 60)
    assert client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize("role", ["moderator", "admin_user"])
def test_moderator_and_admin_sessions_end_after_their_lifetime(client, request, role, settings):
    sign_in(client, request.getfixturevalue(role))
    move_back(client, SIGNED_IN_AT, settings.PRIVILEGED_SESSION_MAX_AGE + 1)
    response = client.get(DASHBOARD)
    assert_sent_to_sign_in(client, response, "limited in length")


def test_the_privileged_lifetime_is_shorter_than_the_idle_timeout_by_default(settings):
    assert settings.PRIVILEGED_SESSION_MAX_AGE == 8 * 3600
    assert settings.SESSION_IDLE_TIMEOUT == 12 * 3600
