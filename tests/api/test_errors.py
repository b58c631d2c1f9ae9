"""Errors are JSON with a human message and a code; bad input is a 4xx, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("theme=no-such-theme", "theme"),
        ("state=atlantis", "state"),
        ("gcm=24", "gcm"),
        ("stage=someday", "stage"),
        ("year_from=last-year", "year_from"),
        ("year_to=1850", "year_to"),
        ("ordering=random", "ordering"),
        ("theme=", "theme"),
        ("page_size=-1", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("page=last", "page"),
        ("updated_since=2026-13-01T00:00:00Z", "updated_since"),
        ("updated_since=2026-01-01T00:00:00Z&after=not-a-uuid", "after"),
        ("format=xml", "format"),
        ("format=", "format"),
    ],
)
def test_bad_parameter_is_a_400_naming_it(client, world, query, parameter):
    response = client.get(f"/api/v1/practices/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"].startswith(f"{parameter}: ")
    assert list(body["errors"]) == [parameter]


def test_page_past_the_last_is_a_404(client, world):
    response = client.get("/api/v1/practices/?page=99")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page.", "code": "not_found"}


def test_unknown_object_is_a_json_404(client, db):
    response = client.get("/api/v1/states/atlantis/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing/", "/api/v1/practices/a/b/", "/api/v1/states/x.json"]
)
def test_unknown_api_address_is_a_json_404(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/practices/cheaper-remittances/"),
        ("put", "/api/v1/practices/cheaper-remittances/"),
        ("delete", "/api/v1/practices/cheaper-remittances/"),
        ("delete", "/api/v1/practices/"),
        ("post", "/api/v1/themes/"),
        ("patch", "/api/v1/states/mexico/"),
    ],
)
def test_a_method_the_address_does_not_have_is_a_405_with_allow(client, world, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_anonymous_write_is_a_401(client, world):
    response = client.patch("/api/v1/practices/cheaper-remittances/", {}, format="json")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_unsatisfiable_accept_is_a_406(client, db):
    response = client.get("/api/v1/themes/", HTTP_ACCEPT="application/xml")

    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


def test_error_stays_json_when_csv_was_asked_for(client, db):
    response = client.get("/api/v1/practices/?format=csv&theme=nope")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "x" * 5000,
        "q=%22unclosed",
        "q=-",
        "q=OR",
        "q=%F0%9F%98%80",
        "gcm=99999999999999999999",
        "year_from=1e400",
        "year_from=NaN",
        "page=99999999999999999999999",
        "page_size=99999999999999999999999",
        "updated_since=0000-01-01T00:00:00%2B01:00",
    ],
)
def test_hostile_input_is_never_a_server_error(client, world, query):
    assert client.get(f"/api/v1/practices/?{query}").status_code < 500


@pytest.mark.parametrize("identifier", ["%00", "x" * 300, "%E2%80%AE", "1e5", "-1"])
def test_hostile_identifiers_are_404(client, world, identifier):
    assert client.get(f"/api/v1/practices/{identifier}/").status_code == 404
    assert client.get(f"/api/v1/gcm-objectives/{identifier}/").status_code == 404
    assert client.get(f"/api/v1/contacts/{identifier}/").status_code == 404
