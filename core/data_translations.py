"""Data in the reader's language from a translations file (``fixtures/**/translations.json``).

Interface strings go through gettext; the default data's own text (questionnaire wording, the
paper's findings and figures, body names) cannot, so each app keeps a JSON file of the
platform's translations of the English source. An entry carries the English it translates
(``{"en": ..., "fr": ..., ...}``): a text whose English is edited falls back to English until its
translation is updated, rather than showing a translation of other words. Pages mark a
translation as such (``templates/_translated.html``).

A file is a JSON object; ``_comment`` says what it is; every other member is a section, either
``{key: {field: entry or [entries]}}`` (looked up by key, field and English) or a list of
entries (looked up by the English alone). Each file is read once per process.
"""

import functools
import json

from django.utils.translation import get_language


class Text(str):
    """A piece of data text in the reader's language, or the English original.

    ``lang`` is the language it is in; ``original`` is the English when it is a translation;
    ``quotation`` says the English is a quotation of a source (the translation is of its words).
    """

    def __new__(cls, text, lang="en", original=None, quotation=False):
        text_ = super().__new__(cls, text)
        text_.lang = lang
        text_.original = original
        text_.quotation = quotation
        return text_

    @property
    def is_translation(self):
        return self.original is not None


@functools.cache
def _index(path):
    """{(section, key, field, English): entry} for the file at ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    index = {}
    for section, content in data.items():
        if section.startswith("_"):
            continue
        if isinstance(content, list):
            for entry in content:
                index[(section, "", "", entry["en"])] = entry
            continue
        for key, fields in content.items():
            for field, entries in fields.items():
                for entry in entries if isinstance(entries, list) else [entries]:
                    index[(section, key, field, entry["en"])] = entry
    return index


def language_code(language=None):
    """The active language as the files spell it (``zh-hans``), ``en`` when none."""
    return (language or get_language() or "en").lower()


def translate(path, section, english, key="", field="", language=None, quotation=False):
    """``english`` in the reader's language from the file at ``path``, as a ``Text``."""
    language = language_code(language)
    if not english or language == "en":
        return Text(english or "")
    entry = _index(path).get((section, str(key), field, english), {})
    translated = entry.get(language)
    if not translated:
        return Text(english)
    return Text(translated, language, english, quotation=quotation)


def entries(path, section):
    """Every entry of a section, for tests and checks: [(key, field, entry)]."""
    return [
        (key, field, entry)
        for (section_, key, field, _english), entry in _index(path).items()
        if section_ == section
    ]
