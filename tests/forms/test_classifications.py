"""The GCM's ten guiding principles and the migration-relevant SDG targets: shipped as
published, on no practice of the paper, filterable on the search page and in the API."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from practices.indexing import update_search_index
from practices.models import GuidingPrinciple, Practice, SdgTarget
from tests import factories

pytestmark = pytest.mark.django_db
SEARCH = reverse("practices:practice_list")
API = "/api/v1/practices/"


def test_the_ten_guiding_principles_are_the_gcms_in_its_order():
    assert [p.name for p in GuidingPrinciple.objects.all()] == [
        "People-centred",
        "International cooperation",
        "National sovereignty",
        "Rule of law and due process",
        "Sustainable development",
        "Human rights",
        "Gender-responsive",
        "Child-sensitive",
        "Whole-of-government approach",
        "Whole-of-society approach",
    ]


def test_the_sdg_targets_carry_their_official_wording():
    codes = set(SdgTarget.objects.values_list("code", flat=True))
    assert {"10.7", "8.8", "10.c", "17.18"} <= codes
    assert SdgTarget.objects.get(code="10.c").name == (
        "By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances "
        "and eliminate remittance corridors with costs higher than 5 per cent"
    )


def test_no_practice_of_the_paper_is_given_a_principle_or_a_target():
    call_command("load_default_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    paper = Practice.objects.filter(origin=Practice.Origin.PAPER)
    assert paper.exists()
    assert not paper.filter(guiding_principles__isnull=False).exists()
    assert not paper.filter(sdg_targets__isnull=False).exists()


@pytest.fixture
def classified():
    human_rights = GuidingPrinciple.objects.get(slug="human-rights")
    remittances = SdgTarget.objects.get(code="10.c")
    tagged = factories.PracticeFactory(title="Cheaper remittances")
    tagged.guiding_principles.add(human_rights)
    tagged.sdg_targets.add(remittances)
    other = factories.PracticeFactory(title="Something else")
    update_search_index([tagged, other])
    return tagged


def test_the_search_page_filters_by_guiding_principle_and_sdg_target(client, classified):
    for params in ({"principle": "human-rights"}, {"sdg": "10-c"}):
        response = client.get(SEARCH, params)
        assert [p.title for p in response.context["page_obj"]] == ["Cheaper remittances"]


def test_the_search_page_offers_both_facets_with_counts(client, classified):
    page = client.get(SEARCH).content.decode()
    assert "GCM guiding principle" in page
    assert "Human rights" in page
    assert "SDG target" in page and "10.c By 2030, reduce to less than 3" in page


def test_the_api_filters_by_both_and_lists_them(client, classified):
    response = client.get(API, {"principle": "human-rights", "sdg": "10-c"})
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["guiding_principles"] == [
        {"number": 6, "slug": "human-rights", "name": "Human rights"}
    ]
    assert item["sdg_targets"][0]["code"] == "10.c"


def test_an_unknown_principle_is_a_clear_400_in_the_api(client, classified):
    response = client.get(API, {"principle": "no-such-principle"})
    assert response.status_code == 400
    assert "principle" in response.json() or "detail" in response.json()


def test_the_practice_page_shows_its_principles_targets_and_replicability(client, classified):
    Practice.objects.filter(pk=classified.pk).update(replicability="Needs a postal network.")
    page = client.get(classified.get_absolute_url()).content.decode()
    assert "GCM guiding principles it applies" in page
    assert '?principle=human-rights">Human rights</a>' in page
    assert '?sdg=10-c">10.c</a>' in page
    assert "Needs a postal network." in page
