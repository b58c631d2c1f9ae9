"""Migration ``0008_accent_insensitive_search`` rebuilds an index that already has rows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.models import SearchDocument

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the configurations and vectors are PostgreSQL's"
)

BEFORE = [("search", "0007_vocabulary_trigram")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_migrating_an_indexed_catalogue_rebuilds_its_vectors_with_the_new_configurations(
    catalogue,
):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("search")
    migrate(BEFORE)
    with connection.cursor() as cursor:
        # As an index written before the migration: no taxonomy names, accents kept.
        cursor.execute(
            "UPDATE search_searchdocument SET vector = to_tsvector('english', title), names = ''"
        )

    migrate(latest)

    document = SearchDocument.objects.get(practice__slug="ghana-remittance-costs")
    assert "Transferts de fonds" in document.names
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_searchdocument WHERE vector @@ "
            "websearch_to_tsquery('gfmd_english', 'diáspora')"
        )
        assert cursor.fetchone()[0] == 2
