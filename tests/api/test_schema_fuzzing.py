"""Schemathesis runs the whole OpenAPI schema against the app, in-process: every built-in check,
positive and negative data, 100 examples per operation. Any 500, undocumented status, content
type or header, response that does not match its schema, invalid input accepted or valid input
refused fails the test.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from gfmd_platform.wsgi import application

UNTHROTTLED = {"anon": None, "partner": None}


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI app must not close the test's open transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_schema(world, settings, keep_test_connection):
    # The fuzzer sends thousands of requests a minute: rates are tested elsewhere.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNTHROTTLED}
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_every_operation_conforms_to_the_schema(case):
    in_order(case.query)
    case.call_and_validate()


def in_order(query):
    """Put an inverted year range the right way round: it is refused with a 400 by a rule
    across two parameters, which OpenAPI cannot state (``tests/public/test_search_years.py``
    tests that refusal)."""
    if not query or "year_from" not in query or "year_to" not in query:
        return
    try:
        inverted = float(query["year_from"]) > float(query["year_to"])
    except (TypeError, ValueError):
        return  # not two numbers: each is judged on its own
    if inverted:
        query["year_from"], query["year_to"] = query["year_to"], query["year_from"]
