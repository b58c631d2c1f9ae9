"""Hostile input the probe sent: each is a 400 that says what is wrong (JSON under /api/),
never a 500. ASVS 4.0.3 V5.1.1-V5.1.4 (input validation), V7.4.1 (a generic error message).

The test client re-raises errors from views; ``raise_request_exception=False`` shows the
status a visitor would get instead.
"""

import json

import pytest
from django.test import Client

from accounts.models import Invitation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def as_moderator(moderator):
    client = Client(raise_request_exception=False)
    client.force_login(moderator)
    return client


@pytest.fixture
def as_admin(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.fixture
def as_submitter(submitter_auth):
    """A State's user writing through the API with a token."""

    def post(body):
        client = Client(raise_request_exception=False)
        return client.post(
            "/api/v1/practices/", body, content_type="application/json", **submitter_auth
        )

    return post


def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("length", [151, 256, 300, 5000])
def test_signing_in_with_an_overlong_username_is_a_400_with_a_message(anonymous, length):
    response = anonymous.post(
        "/accounts/login/", {"username": "a" * length, "password": "whatever"}
    )

    assert response.status_code == 400
    assert "at most 150 characters" in response.content.decode()


def test_a_wrong_password_is_still_the_sign_in_page_again(anonymous, submitter):
    response = anonymous.post(
        "/accounts/login/", {"username": submitter.username, "password": "wrong"}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("local_length", [250, 300, 1000])
def test_inviting_an_overlong_email_is_a_400_with_a_message(as_moderator, state, local_length):
    email = "a" * local_length + "@example.org"

    response = as_moderator.post("/accounts/invite/", {"email": email, "state": state.pk})

    assert response.status_code == 400
    assert "at most 254 characters" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["status__exact=%00", "q=%00", "lead_state__id__exact=1%00", "o=1%00", "status__exact=a%00b"],
)
def test_a_nul_character_in_an_admin_list_query_is_a_400(as_admin, query):
    factories.PracticeFactory()

    response = as_admin.get(f"/admin/practices/practice/?{query}")

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("depth", [1000, 10_000, 100_000])
def test_deeply_nested_json_to_the_api_is_a_400_in_json(as_submitter, depth):
    response = as_submitter(nested(depth))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize(
    "body",
    [
        '{"title": ' + nested(5000) + "}",
        '{"themes": [' + '{"a":' * 5000 + "1" + "}" * 5000 + "]}",
        "{" * 50_000,
    ],
    ids=["deep-title", "deep-objects", "unclosed"],
)
def test_hostile_json_bodies_to_the_api_are_400s_in_json(as_submitter, body):
    response = as_submitter(body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["detail"]


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("path", ["/en/practices/", "/api/v1/practices/", "/en/"])
def test_more_query_parameters_than_allowed_is_a_400_page(anonymous, settings, debug, path):
    settings.DEBUG = debug
    query = "&".join(f"p{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = anonymous.get(f"{path}?{query}")

    assert response.status_code == 400
    assert "Too many parameters" in response.content.decode()


def test_more_query_parameters_than_allowed_is_json_under_the_api(anonymous, settings):
    settings.DEBUG = True
    query = "&".join(f"p{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = anonymous.get(f"/api/v1/practices/?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


@pytest.mark.parametrize(
    "path",
    ["/en/practices/", "/en/practices/export.csv", "/api/v1/practices/", "/api/v1/contacts/"],
)
def test_public_pages_and_the_api_never_fail_on_a_nul_in_a_parameter(anonymous, path):
    factories.PracticeFactory()
    names = ["q", "theme", "state", "region", "pillar", "gcm", "ordering", "page"]

    statuses = {name: anonymous.get(path, {name: "a\x00b"}).status_code for name in names}

    assert {name: status for name, status in statuses.items() if status >= 500} == {}
