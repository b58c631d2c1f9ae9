"""Hostile input the probe sent: each is a 400 that says what is wrong (JSON under /api/),
never a 500. ASVS 4.0.3 V5.1.1-V5.1.4 (input validation), V7.4.1 (a generic error message).

The test client re-raises errors from views; ``raise_request_exception=False`` shows the
status a visitor would get instead.
"""

import json

import pytest
from django.test import Client

from accounts.models import Invitation
from search.text import MAX_TERMS, parse
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
        "/en/accounts/login/", {"username": "a" * length, "password": "whatever"}
    )

    assert response.status_code == 400
    assert "at most 150 characters" in response.content.decode()


def test_a_wrong_password_is_still_the_sign_in_page_again(anonymous, submitter):
    response = anonymous.post(
        "/en/accounts/login/", {"username": submitter.username, "password": "wrong"}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("local_length", [250, 300, 1000])
def test_inviting_an_overlong_email_is_a_400_with_a_message(as_moderator, state, local_length):
    email = "a" * local_length + "@example.org"

    response = as_moderator.post("/en/accounts/invite/", {"email": email, "state": state.pk})

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


# The fuzz: every public GET route and API list, every hostile value in every parameter the
# search page and the API read, repeated and as arrays. Never a 500; under /api/ a 4xx is JSON
# with a message.
FUZZED_PATHS = [
    "/en/",
    "/en/practices/",
    "/en/practices/export.csv",
    "/en/states/",
    "/en/questionnaires/",
    "/en/feeds/practices/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v1/",
    "/api/v1/practices/",
    "/api/v1/themes/",
    "/api/v1/pillars/",
    "/api/v1/gcm-objectives/",
    "/api/v1/states/",
    "/api/v1/regional-bodies/",
    "/api/v1/institutions/",
    "/api/v1/contacts/",
    "/api/v1/questionnaire-rounds/",
    "/api/v1/questionnaire-questions/",
    "/api/v1/questionnaire-responses/",
    "/api/v1/practices/no-such-practice/",
    "/api/v1/questionnaire-aggregates/2008/",
]
FUZZED_NAMES = [
    "q", "theme", "pillar", "gcm", "region", "state", "stage", "year_from", "year_to",
    "sort", "ordering", "page", "page_size", "format", "since", "after", "lang", "limit",
]  # fmt: skip
HOSTILE_VALUES = {
    "nul": "a\x00b",
    "overlong": "x" * 10_000,
    "unicode": "\u202e\ufeff\U0001f4a9\u0645\u0647",
    "lone surrogate": "%ED%A0%80",
    "negative": "-1",
    "huge": "9" * 40,
    "float": "1e309",
    "zero": "0",
    "sql": "1' OR '1'='1' --",
    "sql union": "1 UNION SELECT password FROM auth_user",
    "json": '{"$gt": ""}',
    "array": "[1,2,3]",
    "date": "2026-13-45T99:99:99Z",
    "traversal": "../../../../etc/passwd",
    "percent": "%",
    "tsquery": "!&|():*<->",
    "empty": "",
    "space": " ",
    "crlf": "a\r\nb",
    "tab": "a\tb",
    "script": "<script>alert(1)</script>",
    "template": "{{7*7}}{% now 'Y' %}",
    "backslash": "\\",
    "quote": '"',
    "null": "null",
    "boolean": "true",
    "nan": "NaN",
    "infinity": "-Infinity",
    "negative huge": "-" + "9" * 40,
    "hex": "0x1F",
    "arabic digits": "\u0661\u0662\u0663",
    "fullwidth digits": "\uff11\uff12\uff13",
    "comma list": "1,2,3",
    "ldap": "*)(uid=*",
    "phrase unclosed": '"remittances',
    "exclusion only": "-migration -remittances",
    "or chain": " OR ".join(["a"] * 200),
    "url": "https://example.org/?next=//evil.example",
    "pipe": "| cat /etc/passwd",
    "combining": "e\u0301" * 300,
}


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
@pytest.mark.parametrize("path", FUZZED_PATHS)
def test_hostile_query_strings_are_never_a_500(anonymous, path, value):
    from urllib.parse import quote

    encoded = value if value.startswith("%") and len(value) > 1 else quote(value)
    query = "&".join(
        f"{name}={encoded}&{name}={encoded}&{name}[]={encoded}" for name in FUZZED_NAMES
    )

    response = anonymous.get(f"{path}?{query}")

    assert response.status_code < 500
    if path.startswith("/api/") and 400 <= response.status_code < 500:
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]


def test_a_query_of_hundreds_of_words_is_read_up_to_its_first_terms():
    clauses = parse(" OR ".join(f"w{n}" for n in range(200)))

    assert [clause.include for clause in clauses] == [[f"w{n}"] for n in range(MAX_TERMS)]
