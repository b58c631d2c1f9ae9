"""What readers see of the translations: a practice in the reader's language.

``show_in_reader_language(practice, language)`` puts the published translation into
``language`` (if there is one) in place of the practice's text fields, on the instance the
page renders, and sets ``practice.translation`` (what the label says: the original's language,
who translated it, when, whether the original changed since, and the original's address) and
``practice.text_language`` (the language of the text now shown, for the ``lang`` attributes).
The lookup is cached until the next publication, under a key that moves with the practice's
``updated_at`` (a translation's publication moves it: ``translation_workflow.practice_changed``;
so does the approval of the practice's new text, which marks its translations outdated).

Result cards read the same in the reader's language: ``with_reader_text`` joins each card's
published translation into the card query itself (no query more per page), and
``show_card_in_reader_language`` puts it on the card.
"""

from django.db.models import F, FilteredRelation, Q
from django.db.models.functions import Left
from django.urls import reverse
from django.utils import translation as i18n

from core.cache import cached, practice_translation_key

from .translations import TEXT_FIELDS, PracticeTranslation


def published_translation(practice, language):
    """``{"language", "by", "published_at", "outdated", "original_url", <text fields>}`` of
    the published translation of ``practice`` into ``language``, or ``{}`` when there is none
    (``outdated``: the original's text changed since it was published)."""

    def compute():
        found = (
            PracticeTranslation.objects.published()
            .filter(practice_id=practice.pk, language=language)
            .only(
                "language",
                "by_moderators",
                "published_at",
                "outdated_since",
                "practice_id",
                *TEXT_FIELDS,
            )
            .first()
        )
        if found is None:
            return {}
        found.practice = practice
        return {
            "language": found.language,
            "by": str(found.translator_name()),
            "published_at": found.published_at,
            "outdated": found.outdated_since is not None,
            "original_url": original_url(practice),
            **{name: getattr(found, name) for name in TEXT_FIELDS},
        }

    if language == practice.language:
        return {}
    return cached(practice_translation_key(practice, language), compute)


def original_url(practice):
    """The practice's page in its own language: the original text, never a translation."""
    with i18n.override(practice.language):
        return reverse("practices:practice_detail", kwargs={"slug": practice.slug})


def show_in_reader_language(practice, language):
    """Put the published translation into ``language`` on ``practice`` (see the module);
    returns the translation's facts, or ``{}`` (the original is shown, as it is)."""
    shown = published_translation(practice, language)
    if shown:
        for name in TEXT_FIELDS:
            setattr(practice, name, shown[name])
        practice.translation = shown
        practice.text_language = shown["language"]
    return shown


# What a result card shows of a translation: its title, its summary, the opening of its
# description (where snippets are looked for), as ``reader_<field>`` annotations.
CARD_TEXT = ("title", "summary", "opening")


def with_reader_text(practices, language, opening_chars=None):
    """``practices`` (published practices: cards) with their published translation into
    ``language`` joined in (one LEFT JOIN): ``reader_title`` and ``reader_summary`` (None
    without one), and ``reader_opening`` (its description's first ``opening_chars``) when
    asked."""
    practices = practices.annotate(
        reader=FilteredRelation(
            "translations",
            condition=Q(
                translations__language=language,
                translations__status=PracticeTranslation.Status.PUBLISHED,
                # An approved revision stays "published" (audit trail) but is never shown:
                # its text is on the translation it revised.
                translations__revision_of__isnull=True,
            ),
        ),
        reader_title=F("reader__title"),
        reader_summary=F("reader__summary"),
    )
    if opening_chars:
        practices = practices.annotate(reader_opening=Left("reader__description", opening_chars))
    return practices


def show_card_in_reader_language(practice, language):
    """Put the translation ``with_reader_text`` joined in on the card ``practice`` (its
    title, summary and opening), and set ``text_language``: the language of the text shown."""
    practice.text_language = practice.language
    if getattr(practice, "reader_title", None) is None or language == practice.language:
        return practice
    for name in CARD_TEXT:
        if hasattr(practice, f"reader_{name}"):
            setattr(practice, name, getattr(practice, f"reader_{name}") or "")
    practice.text_language = language
    practice.translated_card = True
    return practice
