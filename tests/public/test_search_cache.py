"""Search answers are computed once per publication and shared by the search page and the API.

A count, a page of ids and the facet counts of one search are cached until the next
publication: the API answers a search the page has just run (or a repeat of its own) without
any search statement. The search page's results and facets are rendered once per address and
language; the reader's own parts of the page are not. A publication is seen at once.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from practices.models import Practice
from practices.workflow import refresh_public_reads
from tests import factories

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search engine runs on PostgreSQL"
)

SEARCH = reverse("practices:practice_list")
API = "/api/v1/practices/"


def search_statements(client, url, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    statements = [q["sql"] for q in context.captured_queries if "search_searchdocument" in q["sql"]]
    return response, statements


def api_slugs(response):
    return [item["slug"] for item in response.json()["results"]]


@postgres_only
def test_api_answers_a_search_the_page_just_ran_without_a_search_statement(client, catalogue):
    params = {"q": "diaspora", "region": "americas"}
    page, _ = search_statements(client, SEARCH, params)

    api, statements = search_statements(client, API, params)

    assert statements == []
    assert api.json()["count"] == page.context["result_count"] == 2
    assert api_slugs(api) == [p.slug for p in page.context["page_obj"].object_list]


@postgres_only
def test_a_repeated_api_search_runs_no_search_statement_and_gives_the_same_answer(
    client, catalogue
):
    params = {"q": "diaspora", "ordering": "title"}
    first, first_statements = search_statements(client, API, params)

    again, statements = search_statements(client, API, params)

    assert first_statements
    assert statements == []
    assert again.json() == first.json()


@postgres_only
def test_each_page_and_order_is_cached_apart(client, catalogue):
    query = "diaspora or remittance"
    whole = api_slugs(client.get(API, {"q": query}))

    pages = [
        api_slugs(client.get(API, {"q": query, "page_size": 1, "page": number}))
        for number in (1, 2, 3)
    ]
    by_title = api_slugs(client.get(API, {"q": query, "ordering": "title"}))
    by_year = api_slugs(client.get(API, {"q": query, "ordering": "year"}))

    assert len(whole) == 3
    assert pages == [[slug] for slug in whole]
    found = Practice.objects.filter(slug__in=whole)
    assert by_title == list(found.order_by("title").values_list("slug", flat=True))
    assert by_year == list(found.order_by("-start_year").values_list("slug", flat=True))
    assert by_title != by_year


def test_a_publication_is_seen_at_once_by_cached_searches(client, catalogue):
    params = {"q": "remittance"}
    before = client.get(API, params).json()
    client.get(SEARCH, params)

    practice = factories.PracticeFactory(
        title="Remittance remittance remittance savings accounts",
        lead_state=catalogue["ghana"],
        themes=[catalogue["remittances"]],
    )
    refresh_public_reads([practice])

    after = client.get(API, params).json()
    page = client.get(SEARCH, params)
    assert after["count"] == page.context["result_count"] == before["count"] + 1
    assert practice.slug in api_slugs(client.get(API, params))


def test_a_repeated_search_page_is_rendered_from_the_cache_with_the_same_results(client, catalogue):
    params = {"q": "diaspora", "theme": "diaspora"}
    first, _ = search_statements(client, SEARCH, params)

    with CaptureQueriesContext(connection) as context:
        again = client.get(SEARCH, params)

    assert again.status_code == 200
    assert not [q for q in context.captured_queries if "practices_practice" in q["sql"]]
    assert results_section(again) == results_section(first)
    assert "colombia-nos-une" in results_section(again)


def test_a_cached_search_page_still_shows_the_readers_own_menu(client, catalogue, submitter):
    client.get(SEARCH, {"q": "diaspora"})
    client.force_login(submitter)

    page = client.get(SEARCH, {"q": "diaspora"}).content.decode()

    assert f">{submitter.username}</strong>" in page
    assert "Sign out" in page
    assert "colombia-nos-une" in page


def test_each_language_has_its_own_cached_search_page(client, catalogue):
    english = client.get(SEARCH, {"q": "remittance"}).content.decode()

    french = client.get("/fr" + SEARCH.removeprefix("/en"), {"q": "remittance"}).content.decode()

    assert "Transferts de fonds" in french
    assert "Transferts de fonds" not in english


def results_section(response):
    html = response.content.decode()
    start = html.index('<div class="search-layout">')
    return html[start : html.index("</form>", start)]


def test_a_cached_api_answer_follows_a_save_made_outside_the_workflow(client, catalogue):
    params = {"q": "diaspora", "ordering": "title"}
    client.get(API, params)
    practice = Practice.objects.get(slug="colombia-nos-une")
    practice.title = "Colombia Nos Une diaspora programme, renamed"
    practice.save()

    titles = [item["title"] for item in client.get(API, params).json()["results"]]

    assert practice.title in titles


def test_a_cached_api_answer_keeps_its_links_to_other_pages(client, catalogue):
    first = client.get(API, {"q": "diaspora", "page_size": 1})

    again = client.get(API, {"q": "diaspora", "page_size": 1})

    assert again.json() == first.json()
    assert again["Link"] == first["Link"]
    assert 'rel="next"' in again["Link"]
