"""The "Evaluated" facet: independently evaluated (independent and experimental evaluations),
monitored (internal monitoring), not given (blank); counted by the database's own engine like
the ORM reference, selected on the search page, the CSV export and the API."""

import csv
import io

import pytest
from django.http import QueryDict
from django.urls import reverse

from practices.facets import build_facets
from practices.filters import PracticeFilter
from practices.models import Practice
from practices.search_results import search, searchable
from search.backends import PortableSearch
from search.schema import FACETS_BY_NAME
from tests import factories

pytestmark = pytest.mark.django_db
SEARCH = reverse("practices:practice_list")
EXPORT = reverse("practices:practice_export")


@pytest.fixture
def evaluated(db, reindex):
    """Five published practices, one per evaluation type, and a draft independently evaluated."""
    made = {
        kind or "blank": factories.PracticeFactory(
            title=f"Practice evaluated as {kind or 'nothing said'}", evaluation_type=kind
        )
        for kind in ("independent", "experimental", "internal", "none", "")
    }
    factories.PracticeFactory(evaluation_type="independent", status=Practice.Status.DRAFT)
    reindex()
    return made


def _text_index_rows(cursor):
    """The index table's RUM and GIN indexes (PostgreSQL; none on SQLite)."""
    from collections import namedtuple

    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'"
        " AND indexdef ~* 'USING (rum|gin) '"
    )
    return [namedtuple("Index", "name definition")(*row) for row in cursor.fetchall()]


def _slugs(practices):
    return {practice.slug for practice in practices}


def test_the_facet_groups_the_evaluation_types_without_a_value_for_none_or_a_ranking():
    facet = FACETS_BY_NAME["evaluated"]
    assert facet.values == ("independent", "monitored", "not_given")
    assert facet.members(["independent"]) == ["independent", "experimental"]
    assert facet.group_of("internal") == "monitored"
    assert facet.group_of("") == "not_given"
    assert facet.group_of("none") == ""  # "not evaluated" is said, but is none of the three


def test_the_engine_counts_each_value_including_not_given(evaluated):
    found = search(PracticeFilter(QueryDict(""), queryset=searchable()), facets=True)
    assert found.facets["evaluated"] == {"independent": 2, "monitored": 1, "not_given": 1}


@pytest.mark.parametrize(
    "query", ["", "evaluated=independent", "evaluated=not_given&evaluated=monitored", "q=practice"]
)
def test_the_engine_agrees_with_the_orm_reference(evaluated, query):
    data = QueryDict(query)
    fast = search(PracticeFilter(data, queryset=searchable()), facets=True)
    reference = PortableSearch(PracticeFilter(data, queryset=searchable())).run(1, 20, True)
    assert fast.count == reference.count
    assert fast.facets == reference.facets
    assert _slugs(fast.page.object_list) == _slugs(reference.page.object_list)


def test_selecting_independently_evaluated_finds_independent_and_experimental(evaluated):
    found = search(PracticeFilter(QueryDict("evaluated=independent"), queryset=searchable()))
    assert _slugs(found.page.object_list) == {
        evaluated["independent"].slug,
        evaluated["experimental"].slug,
    }


def test_the_search_page_shows_the_facet_with_its_counts(client, evaluated):
    page = client.get(SEARCH).content.decode()
    assert "Evaluated" in page
    assert "Independently evaluated" in page and "Monitored" in page and "Not given" in page

    page = client.get(SEARCH, {"evaluated": "monitored"})
    assert _slugs(page.context["page_obj"].object_list) == {evaluated["internal"].slug}


def test_the_facet_lists_its_values_in_their_order_with_the_reader_choice(evaluated):
    data = QueryDict("evaluated=not_given")
    found = search(PracticeFilter(data, queryset=searchable()), facets=True)
    facet = next(f for f in build_facets(found.facets, found.criteria) if f.name == "evaluated")
    assert [(i.value, i.count, i.selected) for i in facet.items] == [
        ("independent", 2, False),
        ("monitored", 1, False),
        ("not_given", 1, True),
    ]


def test_an_unknown_value_is_refused_on_the_page_the_csv_and_the_api(client, evaluated):
    page = client.get(SEARCH, {"evaluated": "excellent"})
    assert page.status_code == 200
    assert "excellent" in page.content.decode()  # named among the filters not applied
    assert client.get(EXPORT, {"evaluated": "excellent"}).status_code == 400
    response = client.get("/api/v1/practices/", {"evaluated": "excellent"})
    assert response.status_code == 400
    assert "evaluated" in response.json()["errors"]


def test_the_csv_export_filters_by_it_and_gives_the_evaluation_type(client, evaluated):
    response = client.get(EXPORT, {"evaluated": "independent"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["evaluation_type"] for row in rows} == {
        "Independent evaluation",
        "Experimental or quasi-experimental evaluation",
    }

    response = client.get(EXPORT, {"evaluated": "not_given"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["evaluation_type"] for row in rows] == ["Not given"]


def test_the_api_filters_by_it_and_carries_the_evidence(client, evaluated):
    response = client.get("/api/v1/practices/", {"evaluated": "monitored"})
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["evaluation_type"] == "internal"
    assert item["indicators"] == []
    assert item["adapted_from"] is None and item["adapted_by"] == []

    response = client.get("/api/v1/practices/", {"evaluated": "not_given"})
    assert [item["evaluation_type"] for item in response.json()["results"]] == [""]


def test_the_api_schema_documents_the_filter_and_the_evidence(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/practices/"]["get"]["parameters"]
    evaluated = next(p for p in parameters if p["name"] == "evaluated")
    assert set(evaluated["schema"]["items"]["enum"]) == {"independent", "monitored", "not_given"}
    practice = schema["components"]["schemas"]["Practice"]["properties"]
    assert {"evaluation_type", "indicators", "adapted_from", "adapted_by"} <= set(practice)


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_every_row_indexed_before_it_as_not_given(evaluated):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    def indexes():
        with connection.cursor() as cursor:
            return sorted((index.name, index.definition) for index in _text_index_rows(cursor))

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("search")
    before = indexes()
    assert before or connection.vendor != "postgresql"  # RUM (or GIN) indexes to keep
    migrate([("search", "0009_merge_parallel_work")])
    migrate(latest)

    # The migration drops the text indexes around its rewrite of every row and builds them
    # again: the same indexes, the same definitions.
    assert indexes() == before
    found = search(PracticeFilter(QueryDict(""), queryset=searchable()), facets=True)
    # As indexed before the evaluation types existed: all five "not given" until reindexed.
    assert found.facets["evaluated"] == {"not_given": 5}


@pytest.mark.django_db(transaction=True)
def test_an_index_written_before_the_facet_keeps_its_bodies_apart_from_the_evaluations(client):
    """SQLite kept the bodies' keys under code 10, the code the facet now takes: the migration
    moves them, so the search page counts the facet and the body filter still works."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from search.backends.sqlite.facets import BODY_CODE

    body = factories.RegionalBodyFactory()
    practice = factories.PracticeFactory(title="A practice led with a body")
    practice.partner_bodies.add(body)
    factories.PracticeFactory(title="A practice without a body")
    from practices.indexing import update_search_index

    update_search_index(Practice.objects.all())

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(target)

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("search")
    migrate([("search", "0009_merge_parallel_work")])
    if connection.vendor == "sqlite":
        # As the code before the facet wrote them: each body under code 10.
        with connection.cursor() as cursor:
            cursor.execute("SELECT key FROM search_facetkey WHERE key >= %s", [10 * 100_000_000])
            assert [key for (key,) in cursor.fetchall()] == [10 * 100_000_000 + body.pk]
    migrate(latest)

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT key FROM search_facetkey WHERE key >= %s", [BODY_CODE * 100_000_000]
            )
            assert [key for (key,) in cursor.fetchall()] == [BODY_CODE * 100_000_000 + body.pk]
    page = client.get(SEARCH)
    assert page.status_code == 200
    assert page.context["facets"] is not None
    found = client.get(SEARCH, {"body": body.slug})
    assert [card.title for card in found.context["page_obj"]] == ["A practice led with a body"]
