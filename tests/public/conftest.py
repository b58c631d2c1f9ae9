"""Fixtures for the public site's tests: a small, realistic published catalogue, indexed."""

import pytest
from django.utils import translation

from practices.indexing import update_search_index
from practices.models import Practice
from tests import factories


@pytest.fixture(autouse=True)
def english_first():
    """Requests leave their language active in the thread; start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def reindex(db):
    """Rebuild the search index, as publishing does (factories write rows directly)."""
    return update_search_index


@pytest.fixture
def catalogue(db):
    """Two regions, three States, two themes, and practices in every status.

    Americas: Mexico and Colombia; Africa: Ghana. Published: a Mexican remittance practice,
    a Colombian diaspora one, a Ghanaian remittance one. Not public: a draft and a rejected
    practice from Mexico that mention remittances too.
    """
    americas = factories.RegionFactory(name="Americas", slug="americas")
    latin = factories.SubregionFactory(name="Latin America", slug="latin-america", parent=americas)
    africa = factories.RegionFactory(name="Africa", slug="africa")
    west = factories.SubregionFactory(name="West Africa", slug="west-africa", parent=africa)
    mexico = factories.StateFactory(
        iso2="MX",
        iso3="MEX",
        m49_code=484,
        name="Mexico",
        slug="mexico",
        region=americas,
        subregion=latin,
    )
    colombia = factories.StateFactory(
        iso2="CO",
        iso3="COL",
        m49_code=170,
        name="Colombia",
        slug="colombia",
        region=americas,
        subregion=latin,
    )
    ghana = factories.StateFactory(
        iso2="GH",
        iso3="GHA",
        m49_code=288,
        name="Ghana",
        slug="ghana",
        region=africa,
        subregion=west,
    )
    pillar = factories.PillarFactory(name="Institutional capacity", slug="institutional-capacity")
    other_pillar = factories.PillarFactory(name="Political commitment", slug="political-commitment")
    remittances = factories.ThemeFactory(
        name="Remittances", slug="remittances", name_fr="Transferts de fonds", name_es="Remesas"
    )
    diaspora = factories.ThemeFactory(
        name="Diaspora engagement", slug="diaspora", name_fr="Diaspora", name_es="Diáspora"
    )
    three_for_one = factories.PracticeFactory(
        title="Three-for-One (3x1) programme for migrants' community projects",
        slug="mexico-3x1",
        lead_state=mexico,
        pillar=pillar,
        summary="Every peso migrants send home for a community project is matched by three.",
        description="Home Town Associations of the Mexican diaspora fund roads, schools and water.",
        start_year=2002,
        stage=Practice.Stage.ONGOING,
        themes=[remittances, diaspora],
    )
    colombian = factories.PracticeFactory(
        title="Colombia Nos Une diaspora programme",
        slug="colombia-nos-une",
        lead_state=colombia,
        pillar=other_pillar,
        summary="Links Colombians abroad with their country through networks and services.",
        description="Consular networks reach the diaspora.",
        start_year=2003,
        stage=Practice.Stage.COMPLETED,
        themes=[diaspora],
    )
    ghanaian = factories.PracticeFactory(
        title="Remittance cost reduction in Ghana",
        slug="ghana-remittance-costs",
        lead_state=ghana,
        pillar=pillar,
        summary="Lowers the cost of sending remittances through mobile money.",
        description="Banks and mobile operators cooperate.",
        start_year=2010,
        stage=Practice.Stage.ONGOING,
        themes=[remittances],
    )
    draft = factories.PracticeFactory(
        title="Secret draft remittance scheme",
        slug="secret-draft",
        lead_state=mexico,
        pillar=pillar,
        summary="Not public yet: remittances.",
        status=Practice.Status.DRAFT,
        published_at=None,
        themes=[remittances],
    )
    rejected = factories.PracticeFactory(
        title="Rejected remittance idea",
        slug="rejected-idea",
        lead_state=mexico,
        pillar=pillar,
        summary="Refused by moderators: remittances.",
        status=Practice.Status.REJECTED,
        published_at=None,
        themes=[remittances],
    )
    hidden_contact = factories.ContactFactory(
        state=mexico, name="Private desk of the vice-minister", is_public=False
    )
    public_contact = factories.ContactFactory(
        state=mexico, name="Institute of Mexicans Abroad", is_public=True, is_focal_point=True
    )
    three_for_one.contacts.set([hidden_contact, public_contact])
    update_search_index()
    return {
        "americas": americas,
        "africa": africa,
        "mexico": mexico,
        "colombia": colombia,
        "ghana": ghana,
        "pillar": pillar,
        "remittances": remittances,
        "diaspora": diaspora,
        "three_for_one": three_for_one,
        "colombian": colombian,
        "ghanaian": ghanaian,
        "draft": draft,
        "rejected": rejected,
        "hidden_contact": hidden_contact,
        "public_contact": public_contact,
    }
