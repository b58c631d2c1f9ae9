"""Sorting names the way the reader's language sorts them (ICU collation, through PyICU).

Python's and SQLite's default orders compare code points, so French lists "Burundi, Bénin" and
Spanish puts "África" after "Zambia"; PostgreSQL's order depends on the database's collation.
Lists of names are therefore sorted here, in Python, with the ICU collator of the active
language: the same result on every database and in every process.
"""

import icu
from django.utils.translation import get_language

# ICU's locale for each site language (Django's zh-hans is ICU's zh_Hans: pinyin order).
_ICU_LOCALES = {"zh-hans": "zh_Hans"}
_collators = {}


def collator(language=None):
    """The ICU collator of ``language`` (default: the active language), created once."""
    language = language or get_language() or "en"
    if language not in _collators:
        locale = icu.Locale(_ICU_LOCALES.get(language, language))
        _collators[language] = icu.Collator.createInstance(locale)
    return _collators[language]


def name_key(language=None):
    """A sort key function over strings, in ``language``'s alphabetical order."""
    return collator(language).getSortKey


def sorted_by_name(items, name=str, language=None):
    """``items`` sorted by ``name(item)`` in the reader's alphabetical order."""
    key = name_key(language)
    return sorted(items, key=lambda item: key(name(item)))
