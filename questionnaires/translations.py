"""The questionnaires' own text (round titles and descriptions, questions, help texts, option
labels) in the reader's language, from ``fixtures/questionnaires/translations.json``.

Interface strings go through gettext; these are data, keyed by stable ids (a round's year, a
question's code, 'code:value' for an option). Each translation carries the English it
translates, so a question whose English is edited falls back to English until its translation
is updated, rather than showing a translation of other words. Pages mark a translation as such.
"""

import functools
import json

from django.conf import settings
from django.utils.translation import get_language

TRANSLATIONS = settings.BASE_DIR / "fixtures" / "questionnaires" / "translations.json"


class Text(str):
    """A piece of questionnaire text in the reader's language, or the English original.

    ``lang`` is the language it is in; ``original`` is the English when it is a translation.
    """

    def __new__(cls, text, lang="en", original=None):
        text_ = super().__new__(cls, text)
        text_.lang = lang
        text_.original = original
        return text_

    @property
    def is_translation(self):
        return self.original is not None


@functools.cache
def _index():
    """{(kind, id, field, English): {language: translation}}, read once per process."""
    data = json.loads(TRANSLATIONS.read_text(encoding="utf-8"))
    index = {}
    for kind in ("rounds", "questions", "options"):
        for key, fields in data[kind].items():
            for field, entries in fields.items():
                for entry in entries if isinstance(entries, list) else [entries]:
                    index[(kind, key, field, entry["en"])] = entry
    return index


def translate(kind, key, field, english, language=None):
    """``english`` (the ``field`` of the ``kind`` object ``key``) in the reader's language."""
    language = language or get_language() or "en"
    if not english or language == "en":
        return Text(english or "")
    translated = _index().get((kind, str(key), field, english), {}).get(language)
    return Text(translated, language, english) if translated else Text(english)


def round_text(round_, field):
    return translate("rounds", round_.year, field, getattr(round_, field))


def question_text(question, field="text"):
    return translate("questions", question.code, field, getattr(question, field))


def option_label(question, option):
    return translate("options", f"{question.code}:{option.value}", "label", option.label)
