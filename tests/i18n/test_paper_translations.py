"""The paper's default data in the six languages: reported-figure statements (translated
quotations), the States' findings, the free-text answers and their notes, and the bodies'
official names, each translation marked as a translation of the English original."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.data_translations import translate
from gfmd_platform.default_data import PaperData, load_states
from practices.indexing import update_search_index
from questionnaires.loader import load_questionnaires
from questionnaires.models import ReportedFigure, Response, Round
from questionnaires.translations import PAPER_TRANSLATIONS, statement
from states.models import RegionalBody, StateFinding
from tests import factories
from tests.factories import RegionalBodyFactory, StateFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]
FIXTURES = settings.BASE_DIR / "fixtures"
# Bodies whose official name could not be sourced in a language: English shows there.
OFFICIAL_NAME_GAPS = {
    "gmg": {"ar", "zh-hans", "ru"},
    "rabat-process": {"ar", "zh-hans", "ru"},
    "south-american-conference-on-migration": {"ar", "zh-hans", "fr", "ru"},
    "tripoli-process": {"ar", "zh-hans", "fr", "ru", "es"},
}
OPENING_QUOTES = "“«"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def read(path):
    return json.loads((FIXTURES / path).read_text(encoding="utf-8"))


def numbers(text):
    return {number.replace(",", "").replace(".", "") for number in NUMBER.findall(text)}


def test_the_translations_file_says_whose_translations_they_are():
    assert "platform's own translations" in json.loads(PAPER_TRANSLATIONS.read_text())["_comment"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_finding_answer_text_and_note_of_the_paper_is_translated(language):
    texts = {item["text"] for item in read("paper/state_findings.json")}
    answers = {
        item[field]
        for item in read("questionnaires/answers.json")
        for field in ("text", "note")
        if item.get(field)
    }

    for english in texts:
        assert translate(PAPER_TRANSLATIONS, "findings", english, language=language).is_translation
    for english in answers:
        assert translate(PAPER_TRANSLATIONS, "answers", english, language=language).is_translation


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reported_statement_is_a_translated_quotation_keeping_quotes_and_figures(language):
    for item in read("questionnaires/reported_figures.json"):
        figure = ReportedFigure(slug=item["slug"], statement=item["statement"])
        with translation.override(language):
            text = statement(figure)

        assert text.is_translation and text.quotation, item["slug"]
        assert text.original == item["statement"]
        if item["statement"][0] in OPENING_QUOTES:
            assert text[0] in OPENING_QUOTES, (item["slug"], text)
        assert numbers(item["statement"]) <= numbers(text), (item["slug"], text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_body_has_its_name_in_each_language_or_is_a_listed_gap(language):
    for item in read("paper/bodies.json"):
        body = RegionalBody(
            slug=item["slug"],
            name=item["name"],
            acronym=item["acronym"],
            membership_note=item.get("membership_note", ""),
        )
        with translation.override(language):
            name = body.display_name
            note = body.display_membership_note

        if language in OFFICIAL_NAME_GAPS.get(item["slug"], ()):
            assert name == item["name"] and not name.is_translation
        else:
            assert name.is_translation and name != item["name"], (item["slug"], language)
        if item.get("membership_note"):
            assert note.is_translation, item["slug"]


def test_official_acronyms_differ_by_language_where_they_do():
    ecowas = RegionalBody(slug="ecowas", name="Economic Community of West African States")
    ecowas.acronym = "ECOWAS"

    with translation.override("fr"):
        assert (ecowas.display_acronym, str(ecowas)) == ("CEDEAO", "CEDEAO")
    with translation.override("ar"):
        assert ecowas.display_acronym == "ECOWAS"


def test_an_edited_english_text_falls_back_to_english():
    finding = StateFinding(text="Needs additional capacity, knowledge and funding.")
    body = RegionalBody(slug="ecowas", acronym="ECOWAS", name="ECOWAS Commission")

    with translation.override("fr"):
        assert finding.display_text == finding.text
        assert not finding.display_text.is_translation
        assert body.display_name == "ECOWAS Commission"


@pytest.fixture
def paper(db):
    load_states()
    data = PaperData()
    data.load_bodies()
    data.load_findings()
    data.load_respondents()
    load_questionnaires()
    return data


def test_the_state_page_in_french_shows_the_finding_translated_and_marked(client, paper):
    finding = StateFinding.objects.filter(text__startswith="Needs additional capacity").first()
    with translation.override("fr"):
        html = client.get(finding.state.get_absolute_url()).content.decode()
        note = translation.gettext("Translation of the English original:")

    assert '<dd lang="fr">A besoin de capacités et de connaissances supplémentaires.' in html
    assert note in html
    assert f'<q lang="en" dir="ltr">{finding.text}</q>' in html


def test_the_bodies_page_in_spanish_shows_ecowas_spanish_name_and_acronym(client, paper):
    with translation.override("es"):
        html = client.get(reverse("states:body_list")).content.decode()

    assert "Comunidad Económica de los Estados de África Occidental" in html
    assert "(<bdi>CEDEAO</bdi>)" in html


def test_the_body_page_in_french_shows_the_official_name_and_the_translated_note(client, paper):
    body = RegionalBody.objects.get(slug="ecowas")
    with translation.override("fr"):
        html = client.get(body.get_absolute_url()).content.decode().replace("&#x27;", "'")

    assert "<bdi lang=\"fr\">Communauté économique des États de l'Afrique de l'Ouest</bdi>" in html
    assert "leur retrait a pris effet en janvier 2025" in html
    assert f'<q lang="en" dir="ltr">{body.membership_note}</q>' in html


def test_reported_statements_in_arabic_are_marked_as_translated_quotations(client, paper):
    round_ = Round.objects.get(year=2008)
    figure = round_.reported_figures.get(slug="2008-development-in-migration-policy-yes")
    with translation.override("ar"):
        html = client.get(round_.get_absolute_url()).content.decode()
        note = translation.gettext("Translation of a quotation; the English original:")

    assert "«أفادت 77% من الدول" in html
    assert note in html
    assert f'<span lang="en" dir="ltr">{figure.statement}</span>' in html


def test_a_free_text_answer_in_spanish_is_translated_and_marked_on_the_results_page(client, paper):
    with translation.override("es"):
        html = client.get(Round.objects.get(year=2008).get_absolute_url()).content.decode()

    assert "Obstáculo: ausencia de una política migratoria integral." in html
    assert '<q lang="en" dir="ltr">Obstacle: lack of a comprehensive migration policy.</q>' in html


def test_in_english_the_state_page_has_no_translation_note(client, paper):
    finding = StateFinding.objects.first()
    html = client.get(finding.state.get_absolute_url()).content.decode()

    assert "Translation of" not in html
    assert f'<dd lang="en">{finding.text}' in html.replace("&#x27;", "'")


def test_a_body_without_a_translation_shows_its_english_name_in_every_language(client):
    body = RegionalBodyFactory(slug="new-body", acronym="NB", name="New body")
    body.members.add(StateFactory(iso2="SN"))

    with translation.override("ru"):
        html = client.get(body.get_absolute_url()).content.decode()

    assert '<h1><bdi lang="en">New body</bdi> (<bdi>NB</bdi>)</h1>' in html


def test_a_paper_responses_answer_note_is_translated_and_marked_in_russian(client, paper):
    response = Response.objects.get(round__year=2008, state__iso2="CZ")
    with translation.override("ru"):
        html = client.get(response.get_absolute_url()).content.decode()

    assert "Раздел 2.2: в Чешской Республике координаторы" in html
    assert '<q lang="en" dir="ltr">Section 2.2: in the Czech Republic focal points' in html


@pytest.mark.parametrize(("language", "query"), [("fr", "CEDEAO"), ("ru", "ЭКОВАС")])
def test_a_reader_who_types_a_bodys_official_name_in_their_language_finds_its_practices(
    client, language, query
):
    ecowas = RegionalBodyFactory(
        slug="ecowas", acronym="ECOWAS", name="Economic Community of West African States"
    )
    practice = factories.PracticeFactory(title="Free movement protocol", lead_body=ecowas)
    factories.PracticeFactory(title="Other")
    update_search_index()

    with translation.override(language):
        html = client.get(reverse("practices:practice_list"), {"q": query}).content.decode()
        address = practice.get_absolute_url()

    assert address in html
    assert "Other" not in html
