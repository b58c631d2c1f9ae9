"""The default data is checked as data: complete, sourced, and loaded exactly once."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from practices.models import GcmObjective, Pillar, Practice, PracticeVersion, Theme
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


# The paper's data, corrected (issue 19's audit). Each corrected record keeps its section.

SEED_PAPER = Path("/work/shared/seed/000_dfb3dc50ce7010d7.txt")
QUESTIONNAIRE_DIR = PAPER_DIR.parent / "questionnaires"


def paper_record(slug):
    practices = json.loads((PAPER_DIR / "practices.json").read_text(encoding="utf-8"))
    (record,) = [item for item in practices if item["slug"] == slug]
    assert record["source_section"]
    return record


def quotations(text):
    """The pieces of every “…” quotation in ``text`` (an ellipsis marks words left out)."""
    for quoted in re.findall(r"“([^”]*)”", text):
        yield from (piece.strip() for piece in quoted.split("…") if piece.strip())


@pytest.fixture
def paper_text():
    if not SEED_PAPER.exists():
        pytest.skip("the source paper is not on this machine")
    return " ".join(SEED_PAPER.read_text(encoding="utf-8").split())


@pytest.mark.parametrize(
    "slug, body",
    [
        (
            "argentina-south-american-conference-on-migration",
            "south-american-conference-on-migration",
        ),
        ("mercosur-agreement-on-freedom-of-residence", "mercosur"),
    ],
)
def test_body_practices_are_led_by_the_body_and_reported_by_argentina(slug, body):
    record = paper_record(slug)

    assert record["lead_state"] is None
    assert record["lead_body"] == body
    assert record["reported_by"] == "AR"


def test_the_mida_project_names_no_funder():
    record = paper_record("italy-mida-ghana-senegal")

    assert "funded" not in json.dumps(record).lower()


def test_swedens_policy_is_not_called_whole_of_government():
    assert "whole-of-government" not in json.dumps(
        paper_record("sweden-policy-for-global-development")
    )


def test_colombia_has_decided_to_consult_rather_than_consulted():
    description = paper_record("colombia-integral-migration-policy")["description"]

    assert "has decided to consult" in description
    assert "Government consulted" not in description


def test_colombias_plan_has_national_agencies_support_the_associations_abroad():
    description = paper_record("colombia-national-development-plan-2002-2006")["description"]

    assert "Colombian associations abroad, with the support of the relevant national agencies" in (
        description
    )


def test_greece_draws_no_contrast_the_paper_does_not_draw():
    record = paper_record("greece-migration-development-specific-actions")

    assert "rather than" not in record["summary"] + record["description"]


def test_mexicos_programme_uses_the_papers_name_and_keeps_its_slug():
    record = paper_record("mexico-3x1-programme")

    assert record["title"].startswith("“Three per One” (3x1)")
    assert "“Three per One” (3x1)" in record["description"]


@pytest.mark.parametrize(
    "slug",
    [
        "spain-general-secretariat-consular-migratory-affairs",
        "portugal-inter-ministerial-coordination-structures",
        "japan-focal-points",
        "netherlands-migration-development-budget-line",
        "france-ministry-immigration-codeveloppement",
        "eu-policy-coherence-for-development-report-2007",
        "eu-global-approach-to-migration",
    ],
)
def test_descriptions_that_copy_the_paper_quote_it_word_for_word(slug, paper_text):
    record = paper_record(slug)

    assert record["description"].startswith(f"The paper (section {record['source_section']})")
    pieces = list(quotations(record["description"]))
    assert pieces
    for piece in pieces:
        assert piece in paper_text, piece


def test_reported_figures_quote_the_paper_word_for_word(paper_text):
    figures = json.loads((QUESTIONNAIRE_DIR / "reported_figures.json").read_text(encoding="utf-8"))

    for figure in figures:
        assert figure["source_section"]
        pieces = list(quotations(figure["statement"]))
        assert pieces, figure["slug"]
        for piece in pieces:
            assert piece in paper_text, (figure["slug"], piece)


def test_the_respondents_list_applies_one_rule_to_the_states_it_cites_the_same_way():
    respondents = json.loads((PAPER_DIR / "respondents.json").read_text(encoding="utf-8"))
    named = {item["state"]: item for item in respondents if 2008 in item["rounds"]}

    for code in ["DK", "ES", "JP", "LT", "CY", "EE", "FI", "GR", "MX"]:
        assert code in named, code
        assert named[code]["source_section"]


def test_the_rule_for_named_respondents_is_stated_on_the_round_page(client, loaded):
    html = client.get("/en/questionnaires/2008/").content.decode()

    assert "One rule: a State is named here when the paper cites its answer" in html


def test_only_the_2008_follow_up_was_sent_to_all_gfmd_focal_points():
    rounds = {r["year"]: r for r in json.loads((QUESTIONNAIRE_DIR / "rounds.json").read_text())}

    assert "focal points" not in rounds[2007]["description"]
    assert "in advance of the first meeting of the GFMD" in rounds[2007]["description"]
    assert "all GFMD focal points in June 2008" in rounds[2008]["description"]


def test_member_lists_say_when_they_were_compiled_and_how_2008_differed(client, loaded):
    ecowas = RegionalBody.objects.get(slug="ecowas")
    eu = RegionalBody.objects.get(slug="eu")

    assert ecowas.members_as_of and eu.members_as_of
    assert "Burkina Faso, Mali and Niger" in ecowas.membership_note
    assert "United Kingdom" in eu.membership_note
    html = client.get(ecowas.get_absolute_url()).content.decode()
    assert "Member States as of" in html
    assert "Burkina Faso, Mali and Niger" in html


def test_paper_practices_cite_2008_and_have_their_first_published_version(loaded):
    practices = Practice.objects.filter(origin=Practice.Origin.PAPER)

    assert set(practices.values_list("source_year", flat=True)) == {2008}
    assert not practices.filter(versions__isnull=True).exists()
    mercosur = practices.get(slug="mercosur-agreement-on-freedom-of-residence")
    assert (mercosur.lead_state, mercosur.reported_by.iso2) == (None, "AR")


def test_reloading_unchanged_data_adds_no_version(loaded):
    before = PracticeVersion.objects.count()

    call_command("load_default_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert PracticeVersion.objects.count() == before
