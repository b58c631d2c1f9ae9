"""A listing chosen by facets alone is found through the ``facet_keys`` GIN index
(``search.0012_facet_keys_index``); text searches keep starting from their words; the app's
PostgreSQL connections run without JIT compilation."""

import pytest
from django.db import connection, transaction
from django.http import QueryDict

from practices.filters import PracticeFilter
from practices.search_results import searchable
from search.backends import PostgresSearch
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the facet index and JIT are PostgreSQL's"
    ),
]


@pytest.fixture
def listed(reindex):
    mexico = factories.StateFactory(iso2="MX")
    ghana = factories.StateFactory(iso2="GH")
    remittances = factories.ThemeFactory(name="Remittances", slug="remittances")
    diaspora = factories.ThemeFactory(name="Diaspora", slug="diaspora")
    pillar = factories.PillarFactory(name="Institutions", slug="institutions")
    for state, themes in [(mexico, [remittances]), (ghana, [remittances, diaspora])]:
        for _ in range(3):
            factories.PracticeFactory(
                lead_state=state, themes=themes, pillar=pillar, summary="Hometown remittances."
            )
    reindex()
    return {"remittances": remittances, "mexico": mexico, "pillar": pillar}


def plan(sql, params):
    """The plan PostgreSQL picks when a sequential scan is its last resort (a test table is
    small enough for a scan to win otherwise): which indexes can serve the statement."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def engine(**data):
    query = QueryDict(mutable=True)
    query.update(data)
    return PostgresSearch(PracticeFilter(query, queryset=searchable()))


@pytest.mark.parametrize(
    "data",
    [
        {"theme": "remittances"},
        {"theme": "remittances", "state": "mexico"},
        {"pillar": "institutions"},
        {"theme": "remittances", "pillar": "institutions"},
    ],
)
def test_a_listing_by_facets_alone_is_found_through_the_facet_index(listed, data):
    search = engine(**data)
    assert "searchdoc_facet_keys" in plan(*search.count_sql())
    assert "searchdoc_facet_keys" in plan(*search.facet_sql())


def test_the_facet_index_finds_what_the_facets_own_columns_find(listed):
    both = engine(theme="remittances", state="mexico")
    assert both.count() == 3
    assert engine(theme="remittances").count() == 6
    assert engine(pillar="institutions").count() == 6
    counts = both.facet_counts()
    assert counts["total"] == 3
    # The ticked facets count as if their own selection were not made.
    assert counts["state"][listed["mexico"].pk] == 3
    assert sum(counts["state"].values()) == 6


def test_a_text_search_with_facets_still_starts_from_its_words(listed):
    search = engine(q="remittances", theme="remittances", pillar="institutions")
    with search.planned():
        assert "searchdoc_facet_keys" not in plan(*search.count_sql())
        assert "searchdoc_facet_keys" not in plan(*search.facet_sql())


def test_the_apps_postgresql_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
