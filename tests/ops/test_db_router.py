"""Reads go to the replica only for anonymous GETs and only when a replica is configured."""

import pytest
from django.db import transaction
from django.test import RequestFactory

from gfmd_platform.db_router import PrimaryReplicaRouter, reads_from_replica
from gfmd_platform.middleware import ReplicaRoutingMiddleware
from practices.models import Practice

router = PrimaryReplicaRouter()


@pytest.fixture
def replica_configured(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def test_reads_stay_on_the_primary_without_a_replica():
    with reads_from_replica():
        assert router.db_for_read(Practice) == "default"


def test_reads_go_to_the_replica_when_allowed_and_configured(replica_configured):
    with reads_from_replica():
        assert router.db_for_read(Practice) == "replica"


def test_reads_stay_on_the_primary_unless_allowed(replica_configured):
    assert router.db_for_read(Practice) == "default"
    with reads_from_replica(False):
        assert router.db_for_read(Practice) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(replica_configured):
    with reads_from_replica(), transaction.atomic():
        assert router.db_for_read(Practice) == "default"


def test_writes_and_migrations_always_go_to_the_primary(replica_configured):
    with reads_from_replica():
        assert router.db_for_write(Practice) == "default"
    assert router.allow_migrate("default", "practices")
    assert not router.allow_migrate("replica", "practices")
    assert router.allow_relation(Practice(), Practice())


def _routed_database(request):
    seen = []
    ReplicaRoutingMiddleware(lambda r: seen.append(router.db_for_read(Practice)))(request)
    return seen[0]


def test_anonymous_get_requests_read_from_the_replica(replica_configured):
    assert _routed_database(RequestFactory().get("/en/practices/")) == "replica"


def test_posts_read_from_the_primary(replica_configured):
    assert _routed_database(RequestFactory().post("/en/practices/")) == "default"


def test_visitors_with_a_session_read_their_own_writes_from_the_primary(replica_configured):
    request = RequestFactory().get("/en/practices/")
    request.COOKIES["sessionid"] = "abc"
    assert _routed_database(request) == "default"


def test_the_choice_does_not_leak_past_the_request(replica_configured):
    _routed_database(RequestFactory().get("/en/"))
    assert router.db_for_read(Practice) == "default"
