"""The API and the search page share one FilterSet: the same query string lists the same
practices in the same order on /en/practices/ and /api/v1/practices/."""

import re
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from practices.filters import PracticeFilter
from practices.indexing import update_search_index
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

CARD_LINK = re.compile(r'<h3 class="card-title"><a href="/en/practices/([^/"]+)/">')
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


@pytest.mark.parametrize("template", QUERIES)
def test_search_page_and_api_list_the_same_practices_in_the_same_order(client, catalogue, template):
    states = catalogue["states"]
    query = template.format(
        pillar=catalogue["pillars"][0].slug,
        state=states[0].slug,
        third_state=states[2].slug,
        region=states[1].region.slug,
    )

    on_page = page_slugs(client, query)

    assert on_page == api_slugs(client, query)
    if "nothing" not in query:
        assert on_page, "the query should match something for the comparison to mean anything"


TEXT_QUERIES = [query for query in QUERIES if query.startswith("q=")]


@pytest.mark.parametrize("template", TEXT_QUERIES)
def test_api_text_search_on_the_engine_matches_the_filterset_order(client, catalogue, template):
    """Anonymous text searches run on the search engine; the FilterSet is the reference."""
    query = template.format(state=catalogue["states"][0].slug)
    data = QueryDict(query)
    filtered = PracticeFilter(data, queryset=Practice.objects.published())
    page = int(data.get("page", 1))
    expected = list(filtered.qs.values_list("slug", flat=True)[(page - 1) * 20 : page * 20])

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
