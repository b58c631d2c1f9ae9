"""A list request costs a fixed number of queries, whatever the page size: pinned exactly, as
djangoproject.com's aggregator tests pin theirs."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.workflow import refresh_public_reads
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
    # Indexed, as publishing does: PostgreSQL's engine answers text queries from the index.
    refresh_public_reads()


def queries_for(client, url, **headers):
    """Queries of one request, from a cold cache (cached representations would hide them)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(context)


# Queries of a list's first request after a publication, in a process that has served it before (so
# that once-per-process lookups, whether the RUM indexes exist or how words parse, are not counted),
# at any page size. A practice list starts with the feed's two latest changes (its cache key) and
# ends with the uncached representations (the rows' last saves, all their links in one query, their
# contacts, the rows, their latest currency answers, their published translations, their indicators
# and the published practices adapted from them; one more when some name the practice they adapted).
# The change feed (``updated_since``) reads the changed practices and the removals, and counts both.
# A text search validates its theme and region; on PostgreSQL the search engine then answers (the
# languages of the indexed translations, once per publication, the top-results lookup, the planner
# settings, the count, the planner settings again, the page's ids): 19; on SQLite the FTS5 engine
# (the words' ranks looked up and written, the count, the ranks looked up again, the page's ids):
# 18. As it finds 2 practices or fewer, "did you mean" looks its word up in the vocabulary, where
# indexing put it (a known word needs no nearest one).
LIST_QUERIES = {
    "/api/v1/practices/": 12,
    "/api/v1/practices/?updated_since=2000-01-01T00:00:00Z": 14,
    "/api/v1/practices/?theme=remittances&region={region}&q=practice": (
        19 if connection.vendor == "postgresql" else 18
    ),
    # The count, the rows, then one query per related list the representation nests.
    "/api/v1/states/": 4,
    "/api/v1/regional-bodies/": 3,
    "/api/v1/institutions/": 2,
    "/api/v1/contacts/": 2,
    "/api/v1/themes/": 2,
}


@pytest.mark.parametrize("path", LIST_QUERIES)
def test_list_query_count_is_fixed_whatever_the_page_size(client, many_practices, state, path):
    url = path.format(region=state.region.slug)
    separator = "&" if "?" in url else "?"
    client.get(url)
    small = queries_for(client, f"{url}{separator}page_size=5")
    large = queries_for(client, f"{url}{separator}page_size=100")

    assert small == large == LIST_QUERIES[path]


def test_practice_list_takes_a_fixed_number_of_queries_with_and_without_a_token(
    client, many_practices, partner_key, django_assert_num_queries
):
    # Small tables (themes, States...) are kept in memory per process, loaded by a first request.
    client.get("/api/v1/practices/?page_size=100")
    cache.clear()
    # The feed's two latest changes (the listing's cache key), the count, the page's ids, their
    # last saves (the representations' keys), then the uncached representations: all their
    # links in one query, their contacts, the rows, their latest currency answers, their
    # indicators, their adapters, their published translations.
    with django_assert_num_queries(12):
        client.get("/api/v1/practices/?page_size=100")
    # A partner sees what anonymous readers see, so the page and its representations come from
    # the cache just filled. The token costs its lookup and a last-used stamp (at most once a
    # minute), the user's permissions (their own, their groups') and States (read twice:
    # whether they see drafts, then ``visible_to``), then the feed's two latest changes.
    with django_assert_num_queries(8):
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

    refresh_public_reads([factories.PracticeFactory(lead_state=state)])

    assert client.get("/api/v1/practices/?page=2").json()["count"] == 63
