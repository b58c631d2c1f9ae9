"""The search page: relevance, websearch syntax, facets with live counts, sorting, paging."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from practices.filters import PracticeFilter
from practices.indexing import update_search_index
from practices.models import Practice
from practices.search_results import search, searchable
from search.backends import PortableSearch, PostgresSearch
from search.backends.postgres.sql import rum_indexes_present
from tests import factories

pytestmark = pytest.mark.django_db

SEARCH = reverse("practices:practice_list")
# A search with words and facets, first after a publication (see ``served_once``): form
# validation (3 lookups), then on PostgreSQL the languages of the indexed translations (once
# per publication), the top-results lookup, the planner settings, the total and every facet in
# one statement, the planner settings again, the page's ids, its cards and their themes (11); on
# SQLite the words' FTS5 ranks looked up and written, the total and
# facets in four passes (one, then one per selected facet), the ranks looked up again, the
# page's ids, its cards and their themes (13). The next page: both engines reuse their cached
# total and facets (PostgreSQL 8; SQLite 7: the ranks looked up, the page's ids, its cards).
ON_POSTGRESQL = connection.vendor == "postgresql"
FIRST_PAGE_QUERIES = 11 if ON_POSTGRESQL else 13
NEXT_PAGE_QUERIES = 8 if ON_POSTGRESQL else 7


def slugs(response):
    return [practice.slug for practice in response.context["page_obj"].object_list]


def facet_counts(response, name):
    facet = next(f for f in response.context["facets"] if f.name == name)
    return {item.value: item.count for item in facet.items + facet.folded}


def test_query_for_the_mexican_3x1_programme_finds_it_first_in_the_default_data(client):
    call_command("load_default_data", verbosity=0)

    # The State as a reader names it: "Mexican" (stem "mexican") is in the other Mexican
    # practice's summary twice ("Institute of Mexicans Abroad", text and institution name) but
    # only in this one's body, so FTS5's bm25 (weights inside its saturation) ranks that one a
    # hair higher on SQLite; every Mexican practice carries "Mexico" alike, so the title's 3x1
    # decides.
    response = client.get(SEARCH, {"q": "Mexico 3x1 programme"})

    assert slugs(response)[0] == "mexico-3x1-programme"


def test_query_for_remittances_in_the_default_data_ranks_title_matches_high(client):
    call_command("load_default_data", verbosity=0)

    response = client.get(SEARCH, {"q": "remittance costs"})

    assert "mexico-remittance-cost-programmes" in slugs(response)[:3]


def test_words_match_across_fields_and_state_names(client, catalogue):
    response = client.get(SEARCH, {"q": "Ghana mobile"})

    assert slugs(response) == ["ghana-remittance-costs"]


def test_stemming_matches_other_forms_of_a_word(client, catalogue):
    response = client.get(SEARCH, {"q": "lowering costs"})

    assert slugs(response) == ["ghana-remittance-costs"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("diaspora -Colombia", {"mexico-3x1"}),
        ("Ghana or Colombia", {"ghana-remittance-costs", "colombia-nos-une"}),
        ('"mobile money"', {"ghana-remittance-costs"}),
        ('"money mobile"', set()),
    ],
)
def test_websearch_syntax_excludes_alternates_and_quotes(client, catalogue, query, expected):
    response = client.get(SEARCH, {"q": query})

    assert set(slugs(response)) == expected


def test_theme_facet_plus_region_facet_narrows_and_counts_match_results(client, catalogue):
    by_theme = client.get(SEARCH, {"theme": "remittances"})
    assert set(slugs(by_theme)) == {"mexico-3x1", "ghana-remittance-costs"}
    region_counts = facet_counts(by_theme, "region")
    assert region_counts["americas"] == 1
    assert region_counts["africa"] == 1

    narrowed = client.get(SEARCH, {"theme": "remittances", "region": "americas"})

    assert slugs(narrowed) == ["mexico-3x1"]
    assert narrowed.context["result_count"] == region_counts["americas"] == 1
    # Facet values are alternatives within a facet: the theme counts ignore the theme choice.
    assert facet_counts(narrowed, "theme") == {"remittances": 1, "diaspora": 2}
    assert facet_counts(narrowed, "region")["africa"] == 1


def test_every_facet_count_equals_the_results_of_ticking_that_value(client, catalogue):
    base = {"q": "programme OR remittances OR diaspora"}
    first = client.get(SEARCH, base)
    for name in ("theme", "pillar", "region", "state", "stage"):
        for value, count in facet_counts(first, name).items():
            ticked = client.get(SEARCH, {**base, name: value})
            assert ticked.context["result_count"] == count, (name, value)


def test_facets_combine_with_the_text_query(client, catalogue):
    response = client.get(SEARCH, {"q": "diaspora"})

    assert facet_counts(response, "theme") == {"diaspora": 2, "remittances": 1}
    assert facet_counts(response, "state") == {"mexico": 1, "colombia": 1}


def test_year_range_and_decade_counts(client, catalogue):
    response = client.get(SEARCH, {"year_from": 2005})

    assert set(slugs(response)) == {"mexico-3x1", "colombia-nos-une", "ghana-remittance-costs"}
    decades = {d["label"]: d["count"] for d in client.get(SEARCH).context["decades"]}
    assert decades["2000s"] == 2
    assert decades["2010s"] == 3
    narrowed = client.get(SEARCH, {"year_from": 2000, "year_to": 2005})
    assert set(slugs(narrowed)) == {"mexico-3x1", "colombia-nos-une"}


def test_results_sort_by_relevance_by_default_and_by_title_on_request(client, catalogue):
    by_relevance = client.get(SEARCH, {"q": "remittance"})
    assert slugs(by_relevance)[0] == "ghana-remittance-costs"

    by_title = client.get(SEARCH, {"ordering": "title"})

    assert slugs(by_title) == [p.slug for p in Practice.objects.published().order_by("title")]


def test_newest_first_is_the_default_without_words(client, catalogue):
    latest = factories.PracticeFactory(title="Brand new practice", lead_state=catalogue["ghana"])
    update_search_index([latest])

    response = client.get(SEARCH)

    assert slugs(response)[0] == latest.slug


def test_every_state_of_the_page_is_kept_in_links(client, catalogue):
    response = client.get(SEARCH, {"q": "remittances", "theme": "remittances", "ordering": "title"})
    html = response.content.decode()

    assert 'value="remittances"' in html
    assert 'name="theme" value="remittances" checked' in html
    assert '<option value="title" selected>' in html
    assert "export.csv?q=remittances&amp;theme=remittances&amp;ordering=title" in html


def test_no_results_page_suggests_what_to_relax(client, catalogue):
    response = client.get(SEARCH, {"q": "remittances", "theme": "diaspora", "stage": "planned"})

    html = response.content.decode()
    assert response.context["result_count"] == 0
    assert "No practice matches all of this." in html
    assert "without filters" in html
    assert "(remove)" in html


def test_snippets_highlight_the_words_and_escape_the_text(client, catalogue, reindex):
    factories.PracticeFactory(
        title="Escaping test",
        slug="escaping",
        lead_state=catalogue["ghana"],
        summary="Careful: <script>alert(1)</script> zebrafish counting.",
    )
    reindex()

    response = client.get(SEARCH, {"q": "zebrafish"})

    html = response.content.decode()
    assert "<mark>zebrafish</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_bad_input_never_fails_and_keeps_what_was_typed(client, catalogue):
    response = client.get(
        SEARCH,
        {"q": '"unbalanced -', "year_from": "abc", "theme": "no-such-theme", "page": "x"},
    )

    assert response.status_code == 200
    assert 'value="abc"' in response.content.decode()
    assert response.context["filter"].errors


def test_search_page_takes_a_fixed_number_of_queries_on_every_page(
    client, catalogue, reindex, served_once, django_assert_num_queries
):
    theme = catalogue["remittances"]
    for number in range(30):
        factories.PracticeFactory(
            title=f"Remittance practice {number}",
            lead_state=catalogue["ghana"],
            themes=[theme],
        )
    reindex()
    params = {"q": "remittance", "theme": "remittances", "region": "africa", "state": "ghana"}
    served_once(client, f"{SEARCH}?{urlencode(params)}")

    with django_assert_num_queries(FIRST_PAGE_QUERIES):
        response = client.get(SEARCH, params)
    assert len(response.context["page_obj"].object_list) == 20
    with django_assert_num_queries(NEXT_PAGE_QUERIES):
        response = client.get(SEARCH, {**params, "page": 2})
    assert len(response.context["page_obj"].object_list) == 11


def test_filterset_keeps_working_alone_for_the_api_and_csv(catalogue):
    data = QueryDict("q=remittances&region=africa")

    practice_filter = PracticeFilter(data, queryset=Practice.objects.published(), request=None)

    assert [p.slug for p in practice_filter.qs] == ["ghana-remittance-costs"]


def test_filterset_orders_by_relevance_when_words_are_given(catalogue):
    data = QueryDict("q=remittance")

    practice_filter = PracticeFilter(data, queryset=Practice.objects.published())

    assert [p.slug for p in practice_filter.qs][0] == "ghana-remittance-costs"


def test_signed_in_users_find_their_unindexed_drafts_through_the_filterset(catalogue, rf):
    request = rf.get("/")
    request.user = factories.SubmitterFactory(states=[catalogue["mexico"]])
    data = QueryDict("q=secret")

    found = PracticeFilter(
        data, queryset=Practice.objects.visible_to(request.user), request=request
    ).qs

    assert [p.slug for p in found] == ["secret-draft"]


COMBINATIONS = [
    "",
    "q=remittances",
    "q=diaspora&theme=remittances",
    "theme=remittances&theme=diaspora&region=americas",
    "state=mexico&stage=ongoing",
    "pillar=institutional-capacity&year_from=2005&year_to=2012",
    "q=programme OR remittances OR diaspora&region=latin-america",
    "q=Ghana or Colombia&ordering=title",
]


@pytest.mark.skipif(
    connection.vendor not in ("postgresql", "sqlite"), reason="compares a database's own engine"
)
@pytest.mark.parametrize("query", COMBINATIONS)
def test_postgres_engine_agrees_with_the_filterset(catalogue, query):
    data = QueryDict(query)

    fast = search(PracticeFilter(data, queryset=searchable()), facets=True)
    reference = PortableSearch(PracticeFilter(data, queryset=searchable())).run(1, 20, True)

    assert fast.count == reference.count
    assert fast.facets == reference.facets
    assert [p.pk for p in fast.page.object_list] == [p.pk for p in reference.page.object_list]


@pytest.fixture
def crowded(catalogue, reindex):
    """Sixty-six practices about tariffs, more than three pages: they say it once to four times,
    in the title or not, and differ in date, start year, State and theme. Every query below
    matches more than a page of them."""
    now = timezone.now()
    states = [catalogue["mexico"], catalogue["ghana"], catalogue["colombia"]]
    for number in range(66):
        factories.PracticeFactory(
            title=f"{'Tariff' if number % 3 == 0 else 'Customs'} practice {number:02d}",
            summary=" ".join(["Tariffs"] * (1 + number % 4)) + " at the border.",
            lead_state=states[number % 3],
            themes=[catalogue["remittances"] if number % 2 else catalogue["diaspora"]],
            start_year=None if number % 5 == 0 else 1990 + number % 12,
            published_at=now - timedelta(days=number % 7, minutes=number),
        )
    reindex()


def engine_order(query):
    """Every page of the engine's results for ``query``, in order, as practice ids."""
    data = QueryDict(query)
    first = search(PracticeFilter(data, queryset=searchable()), 1, facets=False)
    pages = [first.page] + [
        search(PracticeFilter(data, queryset=searchable()), number, facets=False).page
        for number in range(2, first.page.paginator.num_pages + 1)
    ]
    return [practice.pk for page in pages for practice in page.object_list]


@pytest.mark.skipif(
    connection.vendor not in ("postgresql", "sqlite"), reason="compares a database's own engine"
)
@pytest.mark.parametrize(
    "query",
    [
        "",
        "ordering=title",
        "ordering=year&region=americas",
        "theme=remittances&ordering=newest",
        "q=tariffs",
        "q=tariff border",
        "q=tariffs&ordering=title",
        "q=tariffs&ordering=year",
        "q=tariffs&ordering=newest",
        "q=tariffs&theme=remittances&region=americas",
        'q="tariffs tariffs"',
        "q=tariffs -customs",
    ],
)
def test_postgres_engine_lists_every_page_in_the_filtersets_order(crowded, query):
    reference = PracticeFilter(QueryDict(query), queryset=searchable()).qs

    listed = engine_order(query)

    assert listed == list(reference.values_list("pk", flat=True))
    assert len(listed) > 20, "more than one page, or the pages' seams go untested"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares PostgreSQL rankings")
@pytest.mark.parametrize("query", ["q=tariffs", "q=tariff&theme=diaspora", "q=border"])
def test_rum_and_ts_rank_paths_rank_one_word_in_the_same_order(crowded, query):
    """For one word RUM's distance (``<=>``) is the inverse of ``ts_rank``: same order, ties
    broken alike. (For several words or a phrase RUM ranks the words ANDed: orders may differ.)"""
    if not rum_indexes_present():
        pytest.skip("the RUM extension (postgresql-15-rum) is not installed")
    data = QueryDict(query)
    criteria = PostgresSearch(PracticeFilter(data, queryset=searchable()), ranking="rum").criteria

    by_index = PostgresSearch(criteria=criteria, ranking="rum").page_ids(0, 100)
    by_rank = PostgresSearch(criteria=criteria, ranking="ts_rank").page_ids(0, 100)

    assert by_index == by_rank
    assert len(by_index) > 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares PostgreSQL rankings")
@pytest.mark.parametrize("query", ["q=remittance", "q=diaspora&theme=diaspora", 'q="mobile money"'])
def test_rum_and_ts_rank_paths_find_the_same_practices(catalogue, query):
    if not rum_indexes_present():
        pytest.skip("the RUM extension (postgresql-15-rum) is not installed")
    data = QueryDict(query)
    criteria = PostgresSearch(PracticeFilter(data, queryset=searchable()), ranking="rum").criteria

    by_index = PostgresSearch(criteria=criteria, ranking="rum").page_ids(0, 20)
    by_rank = PostgresSearch(criteria=criteria, ranking="ts_rank").page_ids(0, 20)

    assert sorted(by_index) == sorted(by_rank)
    assert by_index


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs the default data on PostgreSQL"
)
@pytest.mark.parametrize("ranking", ["rum", "ts_rank"])
def test_both_rankings_put_the_3x1_programme_first(ranking):
    if ranking == "rum" and not rum_indexes_present():
        pytest.skip("the RUM extension (postgresql-15-rum) is not installed")
    call_command("load_default_data", verbosity=0)
    data = QueryDict("q=Mexican 3x1 programme")
    criteria = PostgresSearch(PracticeFilter(data, queryset=searchable()), ranking=ranking).criteria

    first = PostgresSearch(criteria=criteria, ranking=ranking).page_ids(0, 1)

    assert Practice.objects.get(pk=first[0]).slug == "mexico-3x1-programme"


def test_pages_of_equally_relevant_results_neither_repeat_nor_skip(catalogue, reindex):
    for number in range(9):
        factories.PracticeFactory(
            title=f"Twin {number}", summary="Identical wording about tariffs.", themes=[]
        )
    reindex()
    data = QueryDict("q=tariffs")

    pages = [
        [p.pk for p in search(PracticeFilter(data, queryset=searchable()), n, 2).page]
        for n in range(1, 6)
    ]

    seen = [pk for page in pages for pk in page]
    assert len(seen) == len(set(seen)) == 9


NOTHING_TO_LOOK_FOR = ["-remittances", '""']
if connection.vendor == "postgresql":
    # PostgreSQL drops stop words, and an OR with an exclusion could only be answered by
    # reading every row (such index scans crash RUM): both find nothing.
    NOTHING_TO_LOOK_FOR += ["the", "-", "remittances OR -diaspora"]


@pytest.mark.parametrize("text", NOTHING_TO_LOOK_FOR)
def test_searches_with_nothing_to_look_for_find_nothing_and_never_fail(client, catalogue, text):
    page = client.get(SEARCH, {"q": text})
    api = client.get("/api/v1/practices/", {"q": text})

    assert page.status_code == 200
    assert page.context["result_count"] == 0
    assert api.status_code == 200
    assert api.json()["count"] == 0
