"""The questionnaires' own text in the reader's language (``core.data_translations``).

Round titles and descriptions, questions, help texts and option labels come from
``fixtures/questionnaires/translations.json``, keyed by stable ids (a round's year, a question's
code, 'code:value' for an option). The paper's reported-figure statements (quotations, keyed by
the figure's slug) and the answers' texts and notes (keyed by their English) come from
``fixtures/paper/translations.json``. Each translation carries the English it translates, so an
edited English falls back to English. Pages mark a translation as such.
"""

from django.conf import settings

from core.data_translations import Text
from core.data_translations import translate as translate_data

__all__ = [
    "Text",
    "answer_text",
    "option_label",
    "question_text",
    "round_text",
    "statement",
    "translate",
]

TRANSLATIONS = settings.BASE_DIR / "fixtures" / "questionnaires" / "translations.json"
PAPER_TRANSLATIONS = settings.BASE_DIR / "fixtures" / "paper" / "translations.json"


def translate(kind, key, field, english, language=None):
    """``english`` (the ``field`` of the ``kind`` object ``key``) in the reader's language."""
    return translate_data(TRANSLATIONS, kind, english, key, field, language)


def round_text(round_, field):
    return translate("rounds", round_.year, field, getattr(round_, field))


def question_text(question, field="text"):
    return translate("questions", question.code, field, getattr(question, field))


def option_label(question, option):
    return translate("options", f"{question.code}:{option.value}", "label", option.label)


def statement(figure):
    """A reported figure's statement: a quotation of the paper, translated as one."""
    return translate_data(
        PAPER_TRANSLATIONS,
        "statements",
        figure.statement,
        figure.slug,
        "statement",
        quotation=True,
    )


def answer_text(english):
    """An answer's text or note as the paper's default data give it (keyed by its English)."""
    return translate_data(PAPER_TRANSLATIONS, "answers", english)
