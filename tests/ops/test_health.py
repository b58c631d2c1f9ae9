"""/healthz says the process answers; /readyz says the database is reachable and migrated."""

import pytest
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from gfmd_platform import health


def test_healthz_answers_without_touching_the_database(client):
    # No database fixture: any query here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_endpoints_are_not_language_prefixed(client):
    assert client.get("/en/healthz").status_code == 404


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_answers_and_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_unapplied(client):
    health.forget_migration_check()
    connection = connections["default"]
    [newest] = MigrationLoader(connection).graph.leaf_nodes("practices")
    # As after deploying code with a new migration; rolled back with the test's transaction.
    MigrationRecorder(connection).record_unapplied(*newest)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["unapplied_migrations"] == 1


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_unreachable(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


@pytest.mark.django_db
def test_unapplied_migrations_counts_none_on_a_migrated_database():
    assert health.unapplied_migrations() == 0
