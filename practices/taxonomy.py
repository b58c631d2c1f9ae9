"""The taxonomies that classify practices: coherence pillars, themes, GCM objectives and guiding
principles, SDG targets (names in the six languages through ``TranslatedNameModel``)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedNameModel
from core.urls import reverse_slug


class Pillar(TranslatedNameModel):
    """One of the paper's coherence pillars (political commitment, institutional capacity, ...)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("coherence pillar")
        verbose_name_plural = _("coherence pillars")

    def get_absolute_url(self):
        return reverse_slug("practices:pillar_detail", self.slug)


class Theme(TranslatedNameModel):
    """A subject of practice: diaspora engagement, remittances, circular migration, ..."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_absolute_url(self):
        return reverse_slug("practices:theme_detail", self.slug)


class GcmObjective(TranslatedNameModel):
    """One of the 23 objectives of the 2018 Global Compact for Migration (GCM)."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=23), name="gcm_objective_number_1_to_23"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.display_name}"


class GuidingPrinciple(TranslatedNameModel):
    """One of the ten guiding principles of the 2018 GCM (A/RES/73/195, paragraph 15)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")


class SdgTarget(TranslatedNameModel):
    """A target of the 2030 Agenda (A/RES/70/1) a practice contributes to; ``name`` holds
    the target's official wording, which is longer than a taxonomy name."""

    code = models.CharField(_("target"), max_length=6, unique=True)
    slug = models.SlugField(_("slug"), max_length=10, unique=True)
    name = models.CharField(_("name (English)"), max_length=500)
    name_fr = models.CharField(_("name (French)"), max_length=500, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return f"{self.code} {self.display_name}"
