"""States, the regions they belong to, and the bodies, institutions and contacts around them."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.i18n import TranslatedNameModel
from core.urls import reverse_slug

from .managers import ContactQuerySet
from .roles import StateQuerySet
from .translations import body_text, finding_text


class Region(TranslatedNameModel):
    """A UN M49 geographic grouping: region, sub-region or intermediate region."""

    class Level(models.TextChoices):
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Sub-region")
        INTERMEDIATE = "intermediate", _("Intermediate region")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def get_absolute_url(self):
        return reverse("states:state_list") + f"#region-{self.slug}"


# (language, ISO code) -> django-countries' name: fixed tables, so never stale.
_DISPLAY_NAMES = {}


def state_display_name(iso2, name):
    """``State.display_name`` without a State instance (for lists of values)."""
    key = (get_language(), iso2)
    if key not in _DISPLAY_NAMES:
        _DISPLAY_NAMES[key] = str(countries.name(iso2))
    return _DISPLAY_NAMES[key] or name


class State(models.Model):
    """A UN member or observer State, identified by its ISO 3166-1 codes."""

    class UNStatus(models.TextChoices):
        MEMBER = "member", _("UN member State")
        OBSERVER = "observer", _("UN non-member observer State")

    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    m49_code = models.PositiveSmallIntegerField(_("UN M49 code"), unique=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("M49 region"),
        on_delete=models.PROTECT,
        related_name="states",
        limit_choices_to={"level": Region.Level.REGION},
    )
    subregion = models.ForeignKey(
        Region,
        verbose_name=_("M49 sub-region"),
        on_delete=models.PROTECT,
        related_name="substates",
        limit_choices_to={"level": Region.Level.SUBREGION},
    )
    intermediate_region = models.ForeignKey(
        Region,
        verbose_name=_("M49 intermediate region"),
        on_delete=models.PROTECT,
        related_name="intermediate_states",
        null=True,
        blank=True,
        limit_choices_to={"level": Region.Level.INTERMEDIATE},
    )
    un_status = models.CharField(
        _("UN status"), max_length=10, choices=UNStatus.choices, default=UNStatus.MEMBER
    )
    un_member_since = models.PositiveSmallIntegerField(_("UN member since"), null=True, blank=True)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse_slug("states:state_detail", self.slug)

    @property
    def display_name(self):
        """The State's name in the reader's language (django-countries carries the translations).

        Remembered per language and code: the search page labels up to 195 States per view.
        """
        return state_display_name(self.iso2, self.name)


class RegionalBody(models.Model):
    """A regional or international organisation or process (ECOWAS, the EU, IOM, ...)."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional organisation")
        INTERNATIONAL = "international", _("International organisation")
        PROCESS = "process", _("Consultative process or dialogue")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        State, verbose_name=_("member States"), related_name="bodies", blank=True
    )
    source_section = models.CharField(_("source section"), max_length=120, blank=True)
    members_as_of = models.DateField(
        _("members as of"),
        null=True,
        blank=True,
        help_text=_("When the member list was compiled: membership changes after the paper."),
    )
    membership_note = models.TextField(
        _("membership then and now"),
        blank=True,
        help_text=_("Where the membership in 2008, the paper's year, differs from the list."),
    )

    class Meta:
        ordering = ["acronym", "name"]
        verbose_name = _("regional or international body")
        verbose_name_plural = _("regional and international bodies")

    def __str__(self):
        return self.display_acronym or self.display_name

    def get_absolute_url(self):
        return reverse_slug("states:body_detail", self.slug)

    # The name, acronym and membership note in the reader's language: the official name where
    # the body has one in that language (``states.translations``), else the English.
    @property
    def display_name(self):
        return body_text(self, "name")

    @property
    def display_acronym(self):
        return body_text(self, "acronym")

    @property
    def display_membership_note(self):
        return body_text(self, "membership_note")

    def all_names(self):
        """Its names and acronyms in every site language, for search."""
        languages = [code for code, _name in settings.LANGUAGES]
        found = [
            body_text(self, field, lang) for lang in languages for field in ("acronym", "name")
        ]
        return list(dict.fromkeys(str(name) for name in found if name))


class Institution(models.Model):
    """A ministry, agency, foundation, council or committee of a State."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Department or unit")
        AGENCY = "agency", _("Agency")
        FOUNDATION = "foundation", _("Foundation")
        COUNCIL = "council", _("Council")
        COMMITTEE = "committee", _("Committee or working group")
        BANK = "bank", _("Bank")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="institutions"
    )
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    source_section = models.CharField(_("source section"), max_length=120, blank=True)

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="unique_institution_per_state")
        ]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """An office or person reachable about a State's practices.

    Non-public contacts exist for moderators and the State's own users only; every public
    listing goes through ``Contact.objects.public()``.
    """

    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="contacts"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("An office name, or a person's name.")
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        db_index=True,
        help_text=_("Public contacts are shown on the public site and in the API."),
    )
    is_focal_point = models.BooleanField(
        _("GFMD focal point"),
        default=False,
        help_text=_("The State's focal point for the GFMD or for migration and development."),
    )
    source_section = models.CharField(_("source section"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class StateFinding(models.Model):
    """An obstacle, lesson, need or position a State reported that is not itself a practice."""

    class Kind(models.TextChoices):
        OBSTACLE = "obstacle", _("Obstacle")
        LESSON = "lesson", _("Lesson learned")
        PROGRESS = "progress", _("Progress")
        NEED = "need", _("Need")
        POSITION = "position", _("Position")

    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    text = models.TextField(_("text"))
    source_section = models.CharField(_("source section"), max_length=120)

    class Meta:
        ordering = ["state__name", "kind"]
        verbose_name = _("State finding")
        verbose_name_plural = _("State findings")
        constraints = [
            models.UniqueConstraint(fields=["state", "kind", "text"], name="unique_state_finding")
        ]

    def __str__(self):
        return f"{self.state}: {self.get_kind_display()}"

    @property
    def display_text(self):
        """The text in the reader's language, marked as a translation where it is one."""
        return finding_text(self)


class StateMembership(models.Model):
    """Links a user account to a State it may submit and manage practices for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="state_memberships",
    )
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("State membership")
        verbose_name_plural = _("State memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "state"], name="unique_state_membership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.state}"
