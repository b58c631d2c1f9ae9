"""Sign-in, sessions, CSRF and passwords.

The session id changes at sign-in and dies at sign-out; every POST form refuses a request
without its CSRF token; passwords need 12 characters and are not common or all digits; sign-in
and password reset answer the same for an account that exists and one that does not; cookies
are Secure, HttpOnly and SameSite in production. ASVS 4.0.3 V2.1.1, V2.1.7, V3.2.1,
V3.3.1, V3.4.1-V3.4.3, V4.2.2 (CSRF).
"""

import json
import re
import secrets
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.factories import TEST_PASSWORD
from tests.support import run_manage

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _sign_in(client, username, password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_session_id_changes_at_sign_in(client, submitter):
    client.get(LOGIN)
    session = client.session
    session["probe"] = "before"
    session.save()
    before = session.session_key

    response = _sign_in(client, submitter.username)

    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_signing_out_ends_the_session_on_the_server(client, submitter):
    _sign_in(client, submitter.username)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value

    assert client.post("/en/accounts/logout/").status_code == 302

    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = thief.get(reverse("workflow:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_signing_out_by_a_link_does_nothing(client, submitter):
    client.force_login(submitter)

    assert client.get("/en/accounts/logout/").status_code == 405
    assert client.get(reverse("workflow:dashboard")).status_code == 200


class PostForms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.actions = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self.actions.append(attributes.get("action") or "")


@pytest.fixture
def pages(state, submitter, moderator, settings, tmp_path):
    """Pages holding POST forms, with the user who sees them."""
    settings.MEDIA_ROOT = tmp_path
    practice = factories.PracticeFactory(
        lead_state=state, status="submitted", published_at=None, created_by=submitter
    )
    draft = factories.PracticeFactory(
        lead_state=state, status="draft", published_at=None, created_by=submitter
    )
    contact = factories.ContactFactory(state=state)
    by_submitter = [
        reverse("workflow:dashboard"),
        reverse("workflow:practice_create"),
        reverse("workflow:practice_edit", kwargs={"pk": draft.pk}),
        reverse("workflow:practice_status", kwargs={"pk": draft.pk}),
        reverse("workflow:practice_status", kwargs={"pk": practice.pk}),
        reverse("workflow:contact_create", kwargs={"state_slug": state.slug}),
        reverse("workflow:contact_edit", kwargs={"pk": contact.pk}),
        reverse("accounts:join_state"),
        "/en/accounts/password_change/",
    ]
    by_moderator = [
        reverse("moderation:review", kwargs={"pk": practice.pk}),
        reverse("moderation:queue"),
        reverse("accounts:invite"),
        reverse("accounts:join_requests"),
    ]
    anonymous = [LOGIN, "/en/accounts/password_reset/", "/en/"]
    return (
        [(submitter, url) for url in by_submitter]
        + [(moderator, url) for url in by_moderator]
        + [(None, url) for url in anonymous]
    )


def test_every_post_form_refuses_a_request_without_its_csrf_token(pages):
    checked = {}
    for user, url in pages:
        browser = Client()
        forger = Client(enforce_csrf_checks=True)
        if user is not None:
            browser.force_login(user)
            forger.force_login(user)
        parser = PostForms()
        parser.feed(browser.get(url).content.decode())
        for action in parser.actions:
            target = action or url
            checked[target] = forger.post(target, {"comment": "x", "action": "approve"})

    assert len(checked) >= 12
    assert {target: r.status_code for target, r in checked.items()} == dict.fromkeys(checked, 403)


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short-pass1", False),  # 11 characters
        ("twelve-chars", True),
        ("123456789012", False),  # all digits
        ("password1234", False),  # common
        (secrets.token_urlsafe(12), True),
    ],
)
def test_passwords_need_twelve_characters_and_not_a_common_one(password, accepted):
    try:
        validate_password(password)
        outcome = True
    except ValidationError:
        outcome = False

    assert outcome is accepted


NOISE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')


def _page(response):
    return response.status_code, response.get("Location"), NOISE.sub("", response.content.decode())


def test_a_wrong_password_reads_the_same_for_a_known_and_an_unknown_account(submitter):
    known = _sign_in(Client(), submitter.username, "wrong password 1")
    unknown = _sign_in(Client(), "nobody-by-that-name", "wrong password 1")

    def blank(page):
        status, location, body = page
        return (
            status,
            location,
            body.replace(submitter.username, "<name>").replace("nobody-by-that-name", "<name>"),
        )

    assert blank(_page(known)) == blank(_page(unknown))


def test_password_reset_reads_the_same_for_a_known_and_an_unknown_email(submitter, mailoutbox):
    known = Client().post("/en/accounts/password_reset/", {"email": submitter.email})
    unknown = Client().post("/en/accounts/password_reset/", {"email": "nobody@example.org"})

    assert _page(known) == _page(unknown)
    assert len(mailoutbox) == 1


def test_cookies_are_secure_httponly_and_samesite_in_production():
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n) "
        "for n in ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        " 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SAMESITE', 'LANGUAGE_COOKIE_SECURE']}))",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gfmd.example.org",
        REDIS_URL="redis://127.0.0.1:6379/13",  # production requires a shared cache
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])

    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SESSION_COOKIE_HTTPONLY"]
    assert found["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert found["CSRF_COOKIE_SAMESITE"] in {"Lax", "Strict"}
