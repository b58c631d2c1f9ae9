"""The default data is checked as data: complete, sourced, and loaded exactly once."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from practices.models import GcmObjective, Pillar, Practice, Theme
from questionnaires.models import QuestionnaireParticipation
from states.models import (
    Contact,
    Institution,
    Region,
    RegionalBody,
    State,
    StateFinding,
)

PAPER_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "paper"
MODELS = [
    State,
    Region,
    RegionalBody,
    Institution,
    Contact,
    StateFinding,
    Pillar,
    Theme,
    GcmObjective,
    Practice,
]


@pytest.fixture
def loaded(db):
    call_command("load_default_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_adds_nothing(loaded):
    first = counts()
    call_command("load_default_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert first["Practice"] == len(json.loads((PAPER_DIR / "practices.json").read_text()))


def test_all_un_member_and_observer_states_are_present(loaded):
    assert State.objects.filter(un_status=State.UNStatus.MEMBER).count() == 193
    assert set(
        State.objects.filter(un_status=State.UNStatus.OBSERVER).values_list("iso2", flat=True)
    ) == {"VA", "PS"}


def test_states_carry_their_m49_grouping(loaded):
    mexico = State.objects.get(iso2="MX")
    assert (mexico.iso3, mexico.m49_code) == ("MEX", 484)
    assert mexico.region.name == "Americas"
    assert mexico.subregion.name == "Latin America and the Caribbean"
    assert mexico.intermediate_region.name == "Central America"
    assert State.objects.get(iso2="SE").subregion.name == "Northern Europe"
    assert not State.objects.filter(subregion__parent__isnull=True).exists()


def test_every_paper_practice_has_a_lead_a_theme_a_pillar_and_a_source(loaded):
    practices = Practice.objects.filter(origin=Practice.Origin.PAPER).annotate(
        theme_count=Count("themes")
    )
    assert practices.count() > 70
    for practice in practices:
        assert practice.lead_state_id or practice.lead_body_id, practice.slug
        assert practice.theme_count >= 1, practice.slug
        assert practice.pillar_id, practice.slug
        assert practice.source_section and practice.source_document, practice.slug
        assert practice.summary.strip(), practice.slug


def test_paper_practices_are_published_on_first_load(loaded):
    assert not Practice.objects.exclude(status=Practice.Status.PUBLISHED).exists()
    assert Practice.objects.published().count() == Practice.objects.count()


def test_most_paper_practices_are_led_by_a_state(loaded):
    # The paper attributes a few practices to bodies only (ECOWAS, the EU, IOM); no lead
    # State is invented for them, so they carry a lead body instead.
    body_only = Practice.objects.filter(lead_state__isnull=True)
    assert body_only.count() < 15
    assert not body_only.filter(lead_body__isnull=True).exists()


def test_the_papers_landmark_practices_are_loaded(loaded):
    three_for_one = Practice.objects.get(slug="mexico-3x1-programme")
    assert three_for_one.lead_state.iso2 == "MX"
    assert three_for_one.themes.filter(slug="remittances").exists()
    assert Practice.objects.filter(lead_state__iso2="MA", title__icontains="FINCOME").exists()
    assert Practice.objects.filter(lead_body__slug="ecowas", start_year=1979).exists()


def test_no_contact_invents_a_person_email_or_phone(loaded):
    assert Contact.objects.count() > 0
    assert not Contact.objects.exclude(email="").exists()
    assert not Contact.objects.exclude(phone="").exists()


def test_regional_bodies_list_their_members(loaded):
    assert RegionalBody.objects.get(slug="ecowas").members.filter(iso2="GH").exists()
    assert RegionalBody.objects.get(slug="eu").members.count() == 27


def test_paper_records_name_their_source_section(loaded):
    for model in (Institution, StateFinding, QuestionnaireParticipation):
        assert not model.objects.filter(source_section="").exists(), model.__name__


def test_fixture_files_reference_only_known_slugs():
    practices = json.loads((PAPER_DIR / "practices.json").read_text())
    institutions = {i["slug"] for i in json.loads((PAPER_DIR / "institutions.json").read_text())}
    bodies = {b["slug"] for b in json.loads((PAPER_DIR / "bodies.json").read_text())}
    taxonomy = json.loads((PAPER_DIR.parent / "taxonomy.json").read_text())
    themes = {t["slug"] for t in taxonomy["themes"]}
    pillars = {p["slug"] for p in taxonomy["pillars"]}
    slugs = [p["slug"] for p in practices]
    assert len(slugs) == len(set(slugs))
    for practice in practices:
        assert set(practice["institutions"]) <= institutions, practice["slug"]
        assert set(practice["themes"]) <= themes, practice["slug"]
        assert practice["pillar"] in pillars, practice["slug"]
        assert {practice.get("lead_body")} - {None} <= bodies, practice["slug"]
        assert set(practice.get("partner_bodies", [])) <= bodies, practice["slug"]
