"""The API and the search page share one FilterSet: the same query string lists the same
practices in the same order on /en/practices/ and /api/v1/practices/.

Without words, both lists are also checked against the filters' rules applied in Python to the
catalogue, which holds on every database. With words, on PostgreSQL the search engine answers
and the FilterSet is its reference; on SQLite both sides would be the FilterSet compared with
itself, so those tests run on PostgreSQL only.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from practices.filters import PracticeFilter
from practices.indexing import update_search_index
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

CARD_LINK = re.compile(r'<h3 class="card-title"[^>]*><a href="/en/practices/([^/"]+)/">')
PAGE_SIZE = 20
# PostgreSQL's and SQLite's engines answer the page and the API's text search themselves.
POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor not in ("postgresql", "sqlite"),
    reason="without a database's own engine both sides run the FilterSet: nothing to compare",
)
STAGES = [Practice.Stage.PLANNED, Practice.Stage.ONGOING, Practice.Stage.COMPLETED, ""]


@pytest.fixture
def catalogue(state, other_state):
    """Thirty published practices that differ in every filtered field, plus a draft."""
    third_state = factories.StateFactory()
    remittances = factories.ThemeFactory(name="Remittances", slug="remittances")
    diaspora = factories.ThemeFactory(name="Diaspora", slug="diaspora")
    pillars = [factories.PillarFactory() for _ in range(2)]
    objective = factories.GcmObjectiveFactory(number=19)
    body = factories.RegionalBodyFactory(acronym="ECOWAS", slug="ecowas")
    states = [state, other_state, third_state]
    now = timezone.now()
    for n in range(30):
        words = "remittances transfer costs" if n % 3 == 0 else "diaspora skills network"
        practice = factories.PracticeFactory(
            title=f"{'Zeta' if n % 2 else 'Alpha'} practice {n:02d}",
            summary=f"A practice about {words}.",
            lead_state=states[n % 3],
            pillar=pillars[n % 2],
            themes=[remittances] if n % 3 == 0 else [diaspora],
            start_year=None if n % 7 == 0 else 1995 + n,
            end_year=None if n % 4 == 0 else 2000 + n,
            stage=STAGES[n % 4],
            published_at=now - timedelta(days=n * 5 % 17, minutes=n),
        )
        if n % 5 == 0:
            practice.gcm_objectives.add(objective)
            practice.partner_bodies.add(body)
        if n % 6 == 0:
            practice.partner_states.add(third_state)
    factories.PracticeFactory(
        title="Alpha draft", lead_state=state, status=Practice.Status.DRAFT, published_at=None
    )
    update_search_index()
    return {"states": states, "pillars": pillars}


def page_slugs(client, query):
    response = client.get(f"/en/practices/?{query}")
    assert response.status_code == 200
    return CARD_LINK.findall(response.content.decode())


def api_slugs(client, query):
    response = client.get(f"/api/v1/practices/?{query}")
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


QUERIES = [
    "",
    "page=2",
    "theme=remittances",
    "theme=remittances&theme=diaspora",
    "pillar={pillar}",
    "gcm=19",
    "state={state}",
    "state={state}&state={third_state}",
    "region={region}",
    "body=ecowas",
    "stage=ongoing&stage=completed",
    "year_from=2010",
    "year_to=2005",
    "year_from=2005&year_to=2012",
    "ordering=title",
    "ordering=title&page=2",
    "ordering=year",
    "ordering=newest",
    "ordering=relevance",
    "q=remittances",
    "q=diaspora+network&ordering=title",
    "q=remittances&theme=remittances&ordering=year",
    "q=nothing-matches-this",
    "q=practice&page=2",
    "q=%22transfer+costs%22",
    "q=diaspora+OR+remittances&state={state}",
    "q=practice+-network&ordering=newest",
    "theme=diaspora&stage=planned&ordering=title",
]


def fill(template, catalogue):
    states = catalogue["states"]
    return template.format(
        pillar=catalogue["pillars"][0].slug,
        state=states[0].slug,
        third_state=states[2].slug,
        region=states[1].region.slug,
    )


def selected_by_the_rules(query):
    """The page of published practices a word-free query selects, by the filters' documented
    rules applied in Python: a reference that owes nothing to the FilterSet or the engine."""
    data = QueryDict(query)
    lead = "lead_state__"
    practices = Practice.objects.published().select_related(
        "lead_body", "pillar", f"{lead}region", f"{lead}subregion", f"{lead}intermediate_region"
    )
    practices = practices.prefetch_related(
        "themes", "gcm_objectives", "partner_states", "partner_bodies"
    )

    def selected(practice):
        state = practice.lead_state
        regions = (state.region, state.subregion, state.intermediate_region)
        values = {
            "theme": {theme.slug for theme in practice.themes.all()},
            "pillar": {practice.pillar.slug},
            "gcm": {str(objective.number) for objective in practice.gcm_objectives.all()},
            "state": {state.slug} | {other.slug for other in practice.partner_states.all()},
            "region": {region.slug for region in regions if region},
            "body": {
                body.slug for body in [practice.lead_body, *practice.partner_bodies.all()] if body
            },
            "stage": {practice.stage},
        }
        # Values of one facet are alternatives; facets combine with AND.
        if any(
            data.getlist(name) and not values[name] & set(data.getlist(name)) for name in values
        ):
            return False
        # Active from start_year to end_year; a year range only matches practices with a
        # year given, and an unknown start or end of those never excludes.
        dated = practice.start_year is not None or practice.end_year is not None
        if ("year_from" in data or "year_to" in data) and not dated:
            return False
        if "year_from" in data and (practice.end_year or 9999) < int(data["year_from"]):
            return False
        return not ("year_to" in data and (practice.start_year or 0) > int(data["year_to"]))

    orderings = {
        "newest": lambda p: (-p.published_at.timestamp(), -p.pk),
        "title": lambda p: (p.title, p.pk),
        "year": lambda p: (p.start_year is None, -(p.start_year or 0), p.title),
    }
    # Relevance without words is newest first.
    ordering = orderings.get(data.get("ordering"), orderings["newest"])
    listed = sorted((p for p in practices if selected(p)), key=ordering)
    page = int(data.get("page", 1))
    return [p.slug for p in listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]


WORDLESS_QUERIES = [query for query in QUERIES if "q=" not in query]
TEXT_QUERIES = [query for query in QUERIES if "q=" in query]


@pytest.mark.parametrize("template", WORDLESS_QUERIES)
def test_search_page_and_api_list_what_the_filters_select_in_the_same_order(
    client, catalogue, template
):
    query = fill(template, catalogue)

    on_page = page_slugs(client, query)

    assert on_page == api_slugs(client, query)
    assert on_page == selected_by_the_rules(query)
    assert on_page, "the query should match something for the comparison to mean anything"


@POSTGRESQL_ONLY
@pytest.mark.parametrize("template", TEXT_QUERIES)
def test_search_page_and_api_list_the_same_practices_in_the_same_order(client, catalogue, template):
    query = fill(template, catalogue)

    on_page = page_slugs(client, query)

    assert on_page == api_slugs(client, query)
    if "nothing" not in query:
        assert on_page, "the query should match something for the comparison to mean anything"


@POSTGRESQL_ONLY
@pytest.mark.parametrize("template", TEXT_QUERIES)
def test_api_text_search_on_the_engine_matches_the_filterset_order(client, catalogue, template):
    """Anonymous text searches run on the search engine; the FilterSet is the reference."""
    query = fill(template, catalogue)
    data = QueryDict(query)
    filtered = PracticeFilter(data, queryset=Practice.objects.published())
    page = int(data.get("page", 1))
    expected = list(
        filtered.qs.values_list("slug", flat=True)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    )

    response = client.get(f"/api/v1/practices/?{query}")

    assert [item["slug"] for item in response.json()["results"]] == expected
    assert response.json()["count"] == filtered.qs.count()


def test_state_users_text_search_also_finds_their_own_drafts(client, catalogue, state, submitter):
    factories.PracticeFactory(
        title="Unpublished remittances plan",
        slug="unpublished-remittances-plan",
        lead_state=state,
        status=Practice.Status.DRAFT,
        published_at=None,
    )
    client.force_login(submitter)

    slugs = api_slugs(client, "q=remittances&page_size=100")

    assert "unpublished-remittances-plan" in slugs
    assert len(slugs) == 11
