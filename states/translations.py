"""The paper's default data about States and bodies in the reader's language.

Body names, acronyms and membership notes (keyed by the body's slug) and the States' findings
(keyed by their English) come from ``fixtures/paper/translations.json``, the platform's
translations of the English source (``core.data_translations``). A body's name is its official
name in the language where it has one; where none could be sourced, English shows.
"""

from django.conf import settings

from core.data_translations import translate

PAPER_TRANSLATIONS = settings.BASE_DIR / "fixtures" / "paper" / "translations.json"


def body_text(body, field, language=None):
    """A body's ``name``, ``acronym`` or ``membership_note`` in the reader's language."""
    return translate(PAPER_TRANSLATIONS, "bodies", getattr(body, field), body.slug, field, language)


def finding_text(finding):
    return translate(PAPER_TRANSLATIONS, "findings", finding.text)
