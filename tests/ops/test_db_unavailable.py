"""A database outage gives a friendly 503 (HTML or JSON), and the site recovers by itself."""

from django.db import OperationalError
from django.test import RequestFactory

from gfmd_platform import errors


def test_a_public_page_answers_a_friendly_503_page(client, database_down):
    response = client.get("/en/practices/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "Temporarily unavailable" in content
    assert "Traceback" not in content


def test_the_api_answers_a_json_503(client, database_down):
    response = client.get("/api/v1/practices/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["code"] == "service_unavailable"
    assert response.json()["detail"]


def test_a_signed_in_visitors_session_lookup_failing_is_still_a_503(client, database_down):
    client.cookies["sessionid"] = "a" * 32
    response = client.get("/en/practices/")
    assert response.status_code == 503


def test_the_site_recovers_by_itself_when_the_database_is_back(client, database_down):
    assert client.get("/en/practices/").status_code == 503
    assert client.get("/readyz").status_code == 503
    database_down.end()
    assert client.get("/readyz").status_code == 200
    assert client.get("/en/practices/").status_code == 200


def test_an_outage_met_outside_a_view_is_a_503_too():
    request = RequestFactory().get("/api/v1/practices/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = errors.server_error(request)
    assert response.status_code == 503


def test_other_errors_outside_a_view_stay_a_500():
    request = RequestFactory().get("/en/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = errors.server_error(request)
    assert response.status_code == 500
