"""Precomputed top results: the same pages, counts and facets as the live ranking, always.

The thresholds are lowered so that thirty practices behave like a hundred thousand: a word in
most of them gets a row at the index rebuild, a phrase is learned on its first search, and
publishing, editing, archiving and deleting keep every row exact.
"""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from practices import workflow
from practices.filters import PracticeFilter
from practices.indexing import update_search_index
from practices.models import Practice
from practices.search_results import searchable
from search.backends import PostgresSearch
from search.backends.postgres import toplists
from search.backends.postgres.sql import rum_indexes_present
from search.criteria import Criteria
from search.models import TopResults
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="top results are a PostgreSQL + RUM feature"
    ),
]
PAGE = 4


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch):
    if not rum_indexes_present():
        pytest.fail("the RUM extension must be installed where PostgreSQL runs the tests")
    monkeypatch.setattr(toplists, "MIN_HITS", 3)
    monkeypatch.setattr(toplists, "SIZE", 6)
    monkeypatch.setattr(toplists, "FETCH", 12)


@pytest.fixture
def corpus(db):
    """Thirty practices: 'corridor' in all but two, at varying strength (with ties), the
    phrase 'seasonal workers' in a third, spread over two themes, three States, every stage
    and the years 1990-2019."""
    themes = [factories.ThemeFactory(slug="labour"), factories.ThemeFactory(slug="returns")]
    states = [factories.StateFactory() for _ in range(3)]
    now = timezone.now()
    for n in range(30):
        strength = "corridor " * (n % 5) if n not in (7, 19) else "harbour"
        phrase = "seasonal workers" if n % 3 == 0 else "workers seasonal"
        factories.PracticeFactory(
            title=f"Practice {n:02d}" + (" corridor" if n % 9 == 0 else ""),
            summary=f"{strength} {phrase} programme",
            lead_state=states[n % 3],
            themes=[themes[n % 2]],
            published_at=now - timedelta(days=n % 4),
            stage=Practice.Stage.values[n % 4],
            start_year=1990 + n,
        )
    update_search_index()
    return {"themes": themes, "states": states}


def with_corridor():
    return Practice.objects.filter(
        Q(summary__icontains="corridor") | Q(title__icontains="corridor")
    ).count()


def outcome(query, top_results):
    """Every page, the count and the facet counts of ``query``, with or without the rows."""
    practice_filter = PracticeFilter(QueryDict(query), queryset=searchable())
    engine = PostgresSearch(criteria=Criteria.from_filter(practice_filter), top_results=top_results)
    with engine.planned():
        counts = engine.facet_counts()
        total = engine.count()
        pages = [engine.page_ids(offset, PAGE) for offset in range(0, total + PAGE, PAGE)]
    return {"pages": pages, "total": total, "facets": counts}


def assert_same_as_live(query):
    served, live = outcome(query, True), outcome(query, False)
    assert served == live
    assert live["total"] > 0, "the comparison needs hits to mean anything"


def test_frequent_words_get_top_results_when_the_index_is_rebuilt(corpus):
    row = TopResults.objects.get(language="en", query="'corridor'")

    assert row.hits == with_corridor()
    assert 0 < len(row.ranked) <= toplists.SIZE
    assert not TopResults.objects.filter(query="'harbour'").exists()


@pytest.mark.parametrize(
    "query",
    [
        "q=corridor",
        "q=Corridors",
        "q=corridor&theme=labour",
        "q=corridor&theme=labour&theme=returns",
        "q=corridor&stage=completed",
        "q=corridor&year_from=2000",
        "q=corridor&theme=labour&year_to=2015",
        "q=corridor&theme=labour&ordering=relevance",
        "q=corridor&ordering=newest",
        "q=corridor+-harbour",
    ],
)
def test_top_results_give_the_live_pages_counts_and_facets(corpus, query):
    assert TopResults.objects.filter(query="'corridor'").exists()

    assert_same_as_live(query)


def test_a_state_facet_reads_the_head_only_while_it_holds_enough_hits(corpus):
    state = corpus["states"][1]

    assert_same_as_live(f"q=corridor&state={state.slug}")


def test_one_ticked_value_is_counted_from_the_stored_facet_counts(corpus):
    pillar = Practice.objects.filter(summary__icontains="corridor").first().pillar

    assert_same_as_live(f"q=corridor&pillar={pillar.slug}")
    assert outcome(f"q=corridor&pillar={pillar.slug}", True)["total"] == 1


def test_a_costly_phrase_is_learned_on_its_first_search_and_then_served(client, corpus):
    assert not TopResults.objects.filter(query="'season' <-> 'worker'").exists()

    first = client.get(reverse("practices:practice_list"), {"q": '"seasonal workers"'})

    assert first.status_code == 200
    assert TopResults.objects.filter(query="'season' <-> 'worker'").exists()
    assert_same_as_live("q=%22seasonal+workers%22")
    cache.clear()  # The second search is answered from the row, not from the rendered page.
    second = client.get(reverse("practices:practice_list"), {"q": '"seasonal workers"'})
    assert [p.pk for p in second.context["page_obj"]] == [p.pk for p in first.context["page_obj"]]


def test_the_api_serves_the_same_ranking_from_the_rows(client, corpus):
    page = client.get(reverse("practices:practice_list"), {"q": "corridor"})
    api = client.get("/api/v1/practices/", {"q": "corridor"}).json()

    assert api["count"] == page.context["result_count"] == with_corridor()
    assert [item["slug"] for item in api["results"]] == [
        practice.slug for practice in page.context["page_obj"]
    ]


def test_rows_stay_exact_when_a_stronger_practice_is_published(corpus, moderator):
    practice = factories.PracticeFactory(
        title="Corridor corridor",
        summary="corridor " * 9,
        status=Practice.Status.SUBMITTED,
        published_at=None,
    )

    workflow.approve(practice, by=moderator)

    assert outcome("q=corridor", True)["pages"][0][0] == practice.pk
    assert_same_as_live("q=corridor")
    assert_same_as_live("q=corridor&theme=labour")


def test_rows_stay_exact_when_the_best_practices_are_archived_or_edited(corpus, moderator):
    best = outcome("q=corridor", False)["pages"][0]

    workflow.archive(Practice.objects.get(pk=best[0]), by=moderator, comment="Outdated")
    assert_same_as_live("q=corridor")

    Practice.objects.filter(pk=best[1]).update(summary="harbour only now")
    update_search_index([best[1]])
    assert_same_as_live("q=corridor")
    assert_same_as_live("q=harbour")


def test_rows_stay_exact_when_practices_are_deleted_in_the_admin(corpus, admin_user):
    best = outcome("q=corridor", False)["pages"][0][:3]
    request = RequestFactory().post("/admin/")
    request.user = admin_user

    site.get_model_admin(Practice).delete_queryset(request, Practice.objects.filter(pk__in=best))

    assert TopResults.objects.get(query="'corridor'").hits == with_corridor()
    assert_same_as_live("q=corridor")


def test_a_row_left_with_nothing_known_is_dropped_and_learned_again(client, corpus, moderator):
    row = TopResults.objects.get(query="'corridor'")
    for pk, _distance in row.ranked:
        workflow.archive(Practice.objects.get(pk=pk), by=moderator, comment="Gone")

    assert not TopResults.objects.filter(query="'corridor'").exists()
    client.get(reverse("practices:practice_list"), {"q": "corridor"})
    assert TopResults.objects.filter(query="'corridor'").exists()
    assert_same_as_live("q=corridor")


def test_rows_count_a_weak_new_hit_without_changing_their_head(corpus, moderator):
    head = list(TopResults.objects.get(query="'corridor'").ranked)
    practice = factories.PracticeFactory(
        title="Ports",
        summary="harbour",
        description="A corridor, once.",
        status=Practice.Status.SUBMITTED,
        published_at=None,
    )

    workflow.approve(practice, by=moderator)

    row = TopResults.objects.get(query="'corridor'")
    assert row.ranked == head
    assert row.hits == with_corridor() + 1  # The description is not in ``with_corridor``.
    assert_same_as_live("q=corridor")
