"""Helpers for content that carries its own translations (taxonomy names, region names).

Interface strings go through gettext; reference data edited in the admin cannot, so such models
keep one column per UN language and pick the reader's language at display time.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The translated columns, one per UN language besides English (which is ``name``), named
# after the language code with '-' as '_' (zh-hans -> name_zh_hans).
TRANSLATED_LANGUAGES = ("ar", "zh-hans", "fr", "ru", "es")
# Every name column, English first: for admin search and API output.
NAME_COLUMNS = ("name", "name_ar", "name_zh_hans", "name_fr", "name_ru", "name_es")


def name_column(language):
    """The column that holds the name in ``language`` (``name`` for English or unknown)."""
    code = (language or "en").lower()
    if code not in TRANSLATED_LANGUAGES:
        code = code.split("-")[0]
    if code not in TRANSLATED_LANGUAGES:
        return "name"
    return "name_" + code.replace("-", "_")


class TranslatedNameModel(models.Model):
    """Abstract model with an English name plus its translations into the other UN languages."""

    name = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the active language, falling back to English when untranslated."""
        return getattr(self, name_column(get_language())) or self.name

    @property
    def names(self):
        """Every language's name, English included: {language code: name or ''}."""
        return {"en": self.name} | {
            language: getattr(self, name_column(language)) for language in TRANSLATED_LANGUAGES
        }
