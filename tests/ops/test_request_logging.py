"""Every request gets an id, echoed as X-Request-ID, and one structured log line."""

import json
import logging

import pytest

from gfmd_platform.log import JsonFormatter, RequestIdFilter
from tests import factories


def _request_lines(caplog):
    return [r for r in caplog.records if r.name == "gfmd_platform.requests"]


def test_a_request_id_is_generated_and_echoed(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32


def test_a_well_formed_incoming_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.91:2"})
    assert response["X-Request-ID"] == "lb-7f3a.91:2"


@pytest.mark.parametrize("bad", ["has space", "new\nline", "x" * 200, "<script>", "-leading"])
def test_a_malformed_incoming_request_id_is_replaced(client, bad):
    response = client.get("/healthz", headers={"X-Request-ID": bad})
    assert response["X-Request-ID"] != bad
    assert len(response["X-Request-ID"]) == 32


def test_each_request_logs_method_path_status_duration_and_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="gfmd_platform.requests"):
        response = client.get("/healthz?probe=1")
    [line] = _request_lines(caplog)
    assert (line.method, line.path, line.status) == ("GET", "/healthz", 200)
    assert line.duration_ms >= 0
    assert line.user_id is None
    assert line.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_the_signed_in_users_id_is_logged(client, caplog):
    user = factories.UserFactory()
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="gfmd_platform.requests"):
        client.get("/en/")
    assert _request_lines(caplog)[-1].user_id == user.pk


def test_not_found_is_logged_with_its_status(client, caplog):
    with caplog.at_level(logging.INFO, logger="gfmd_platform.requests"):
        client.get("/no-such-page")
    assert _request_lines(caplog)[-1].status == 404


def test_the_json_formatter_writes_one_object_with_the_extra_fields():
    record = logging.LogRecord("gfmd_platform.requests", logging.INFO, "", 0, "GET /", None, None)
    record.status = 200
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "GET /"
    assert entry["status"] == 200
    assert entry["request_id"] == "-"
    assert entry["level"] == "INFO"
