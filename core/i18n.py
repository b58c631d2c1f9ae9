"""Helpers for content that carries its own translations (taxonomy names, region names).

Interface strings go through gettext; reference data edited in the admin cannot, so such models
keep one column per GFMD language and pick the reader's language at display time.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedNameModel(models.Model):
    """Abstract model with an English name plus French and Spanish translations."""

    name = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the active language, falling back to English when untranslated."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name
