"""factory_boy factories for every model tests need to build."""

import importlib

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries

from practices.calls import Call
from practices.models import GcmObjective, Pillar, Practice, Theme
from reviews.models import ReviewerProfile
from states.models import Contact, Institution, Region, RegionalBody, State, StateMembership

TEST_PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SubmitterFactory(UserFactory):
    @factory.post_generation
    def states(obj, create, extracted, **kwargs):
        for state in extracted or []:
            StateMembership.objects.create(user=obj, state=state)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.LazyAttribute(lambda region: region.name.lower().replace(" ", "-"))
    level = Region.Level.REGION


class SubregionFactory(RegionFactory):
    name = factory.Sequence(lambda n: f"Sub-region {n}")
    level = Region.Level.SUBREGION
    parent = factory.SubFactory(RegionFactory)


# Real ISO codes so that django-countries can name them in every language. A test may also ask
# for any other code (``StateFactory(iso2="KE")``): the other columns follow from it.
ISO_CODES = ["MX", "MA", "PH", "SE", "GH", "CO", "FR", "JM", "MU", "AU", "NL", "BE"]


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ["iso2"]

    iso2 = factory.Sequence(lambda n: ISO_CODES[n % len(ISO_CODES)])
    iso3 = factory.LazyAttribute(lambda state: countries.alpha3(state.iso2))
    m49_code = factory.LazyAttribute(lambda state: countries.numeric(state.iso2))
    name = factory.LazyAttribute(lambda state: str(countries.name(state.iso2)))
    slug = factory.LazyAttribute(lambda state: slugify(state.name))
    subregion = factory.SubFactory(SubregionFactory)
    region = factory.LazyAttribute(lambda state: state.subregion.parent)


class RegionalBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalBody
        django_get_or_create = ["slug"]

    acronym = factory.Sequence(lambda n: f"RB{n}")
    slug = factory.LazyAttribute(lambda body: body.acronym.lower())
    name = factory.LazyAttribute(lambda body: f"Regional body {body.acronym}")
    kind = RegionalBody.Kind.REGIONAL


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Ministry number {n}")
    slug = factory.Sequence(lambda n: f"ministry-{n}")
    kind = Institution.Kind.MINISTRY


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Migration desk {n}")
    role = "Focal point office"
    email = factory.Sequence(lambda n: f"desk{n}@gov.example")
    is_public = True


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ["slug"]

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Pillar {n}")
    slug = factory.LazyAttribute(lambda pillar: pillar.name.lower().replace(" ", "-"))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda theme: theme.name.lower().replace(" ", "-"))


class GcmObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GcmObjective
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: n % 23 + 1)
    slug = factory.LazyAttribute(lambda objective: f"objective-{objective.number}")
    name = factory.LazyAttribute(lambda objective: f"Objective {objective.number}")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A practice; published by default, ``status=...`` for other stages of review."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice number {n}")
    slug = factory.Sequence(lambda n: f"practice-{n}")
    lead_state = factory.SubFactory(StateFactory)
    pillar = factory.SubFactory(PillarFactory)
    summary = "A short summary of what the practice does."
    description = "A longer description of the practice."
    source_document = "Test source"
    source_section = "1"
    status = Practice.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.themes.set(extracted if extracted is not None else [ThemeFactory()])


class CallFactory(factory.django.DjangoModelFactory):
    """A call for practices, open since yesterday for a month (``status=...`` for others)."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Call number {n}")
    description = "States are asked for practices on the call's themes."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=30))
    status = Call.Status.OPEN

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


def load_classifications():
    """The GCM guiding principles and SDG targets, as their data migration writes them: a
    transactional test (live server, races) flushes the tables, migrations' rows included."""
    migration = importlib.import_module(
        "practices.migrations.0008_guiding_principles_and_sdg_targets_data"
    )
    migration.forwards(apps, None)


class ReviewerFactory(UserFactory):
    """An expert reviewer: in the Reviewers group, of no State; ``organisation=...``."""

    @factory.post_generation
    def organisation(obj, create, extracted, **kwargs):
        if not create:
            return
        group, _created = Group.objects.get_or_create(name="Reviewers")
        # As the group's data migration grants it (a transactional test flushes that row).
        group.permissions.add(Permission.objects.get(codename="review_practice"))
        obj.groups.add(group)
        ReviewerProfile.objects.create(user=obj, organisation=extracted or "")
