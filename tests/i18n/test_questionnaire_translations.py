"""Questionnaire titles, questions and options in the six languages, each translation marked as
a translation of the English original, which keeps its lang attribute."""

import json

import pytest
from django.utils import translation

from gfmd_platform.default_data import PaperData, load_states
from questionnaires.loader import load_questionnaires
from questionnaires.models import Round
from questionnaires.translations import TRANSLATIONS, question_text, translate
from tests.questionnaires.factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]


def test_every_question_option_and_round_text_of_the_paper_has_all_five_translations():
    data = json.loads(TRANSLATIONS.read_text(encoding="utf-8"))
    rounds = json.loads((TRANSLATIONS.parent / "rounds.json").read_text(encoding="utf-8"))

    for round_ in rounds:
        for field in ("title", "description"):
            assert translate("rounds", round_["year"], field, round_[field], "fr").is_translation
        for question in round_["questions"]:
            for language in LANGUAGES:
                text = translate("questions", question["code"], "text", question["text"], language)
                assert text.is_translation and text != question["text"], (question, language)
    for entry in data["options"].values():
        assert set(entry["label"]) == {"en", *LANGUAGES}


@pytest.fixture
def loaded(db):
    load_states()
    PaperData().load_respondents()
    load_questionnaires()
    return Round.objects.get(year=2008)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_results_page_shows_questions_translated_and_marked(client, loaded, language):
    question = loaded.questions.get(code="coordinating-unit")
    with translation.override(language):
        expected = str(question_text(question))
        html = client.get(loaded.get_absolute_url()).content.decode()
        note = translation.gettext("Translation of the English original:")

    assert expected in html
    assert note in html
    assert f'<q lang="en" dir="ltr">{question.text}</q>' in html


def test_option_labels_are_translated_on_the_results_page(client, loaded):
    with translation.override("es"):
        html = client.get(loaded.get_absolute_url()).content.decode()

    assert "Fortalecer los vínculos con los migrantes y las comunidades en el extranjero" in html


def test_in_english_there_is_no_translation_note(client, loaded):
    html = client.get(loaded.get_absolute_url()).content.decode()

    assert "Translation of the English original" not in html


def test_a_question_whose_english_was_edited_shows_english_rather_than_a_stale_translation():
    round_ = RoundFactory()
    question = QuestionFactory(
        round=round_, code="coordinating-unit", text="Is there a unit that coordinates?"
    )

    with translation.override("fr"):
        text = question_text(question)

    assert text == "Is there a unit that coordinates?"
    assert not text.is_translation
