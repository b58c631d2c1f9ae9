"""A list request costs a fixed number of queries, whatever the page size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.indexing import update_search_index
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_practices(world, state, other_state):
    themes = factories.ThemeFactory.create_batch(3)
    bodies = factories.RegionalBodyFactory.create_batch(2)
    institution = factories.InstitutionFactory(state=state)
    contact = factories.ContactFactory(state=state)
    objective = factories.GcmObjectiveFactory(number=5)
    for _ in range(60):
        practice = factories.PracticeFactory(lead_state=state, themes=themes)
        practice.partner_states.add(other_state)
        practice.partner_bodies.add(*bodies)
        practice.institutions.add(institution)
        practice.contacts.add(contact)
        practice.gcm_objectives.add(objective)


def queries_for(client, url, **headers):
    """Queries of one request, from a cold cache (cached representations would hide them)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/practices/",
        "/api/v1/practices/?updated_since=2000-01-01T00:00:00Z",
        "/api/v1/practices/?theme=remittances&region={region}&q=practice",
        "/api/v1/states/",
        "/api/v1/regional-bodies/",
        "/api/v1/institutions/",
        "/api/v1/contacts/",
        "/api/v1/themes/",
    ],
)
def test_list_query_count_does_not_grow_with_page_size(client, many_practices, state, path):
    path = path.format(region=state.region.slug)
    separator = "&" if "?" in path else "?"
    client.get(path)  # Once-per-process lookups (whether RUM indexes exist) are not counted.
    small = queries_for(client, f"{path}{separator}page_size=5")
    large = queries_for(client, f"{path}{separator}page_size=100")

    assert small == large


def test_practice_list_stays_within_its_query_budget(
    client, many_practices, partner_key, django_assert_max_num_queries
):
    # Small tables (themes, States...) are kept in memory per process, loaded by a first request.
    client.get("/api/v1/practices/?page_size=100")
    cache.clear()
    # The page's ids, their last saves (cache keys), then the uncached representations: the
    # practices' rows, all their links in one query, their contacts.
    with django_assert_max_num_queries(8):
        client.get("/api/v1/practices/?page_size=100")
    # A token adds its lookup, a last-used stamp (at most once a minute), and the user's
    # permissions and States for ``visible_to``.
    with django_assert_max_num_queries(13):
        client.get("/api/v1/practices/?page_size=100", HTTP_AUTHORIZATION=f"Token {partner_key}")


def test_cached_representations_serve_the_same_list_with_fewer_queries(client, many_practices):
    with CaptureQueriesContext(connection) as first:
        cold = client.get("/api/v1/practices/?page_size=50").json()
    with CaptureQueriesContext(connection) as second:
        warm = client.get("/api/v1/practices/?page_size=50").json()

    assert warm == cold
    assert len(second) < len(first) - 4


def test_a_listings_count_is_shared_by_its_pages_until_the_next_publication(
    client, many_practices, state
):
    first = client.get("/api/v1/practices/?page_size=20&page=1")
    with CaptureQueriesContext(connection) as second_page:
        second = client.get("/api/v1/practices/?page_size=20&page=2&ordering=title")
    assert first.json()["count"] == second.json()["count"] == 62
    assert not any("COUNT(" in query["sql"].upper() for query in second_page.captured_queries)

    update_search_index([factories.PracticeFactory(lead_state=state)])

    assert client.get("/api/v1/practices/?page=2").json()["count"] == 63
