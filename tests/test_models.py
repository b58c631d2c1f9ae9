"""Model constraints and the small behaviours models carry."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from practices.models import Practice
from tests.factories import (
    ContactFactory,
    GcmObjectiveFactory,
    InstitutionFactory,
    PracticeFactory,
    RegionalBodyFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


def test_practice_needs_a_lead_state_or_a_lead_body():
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeFactory(lead_state=None, lead_body=None)


def test_practice_led_by_a_body_alone_is_allowed():
    practice = PracticeFactory(lead_state=None, lead_body=RegionalBodyFactory())
    assert practice.lead_name == str(practice.lead_body)


def test_practice_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeFactory(start_year=2008, end_year=2006)


def test_practice_slugs_are_unique():
    PracticeFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeFactory(slug="same")


def test_gcm_objective_numbers_stay_between_1_and_23():
    with pytest.raises(IntegrityError), transaction.atomic():
        GcmObjectiveFactory(number=24)


def test_institution_names_are_unique_within_a_state():
    institution = InstitutionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InstitutionFactory(state=institution.state, name=institution.name)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(2002, 2006, "2002–2006"), (2006, None, "since 2006"), (None, None, ""), (2007, 2007, "2007")],
)
def test_years_read_naturally(start, end, expected):
    assert str(PracticeFactory.build(start_year=start, end_year=end).years_display) == expected


def test_state_name_follows_the_reader_language():
    state = StateFactory(iso2="MX", iso3="MEX", m49_code=484, name="Mexico", slug="mexico")
    with translation.override("fr"):
        assert state.display_name == "Mexique"
    with translation.override("es"):
        assert state.display_name == "México"


def test_new_practices_start_as_drafts():
    practice = Practice(title="x")
    assert practice.status == Practice.Status.DRAFT


def test_only_public_contacts_are_public():
    public = ContactFactory(is_public=True)
    ContactFactory(is_public=False)
    assert list(public.__class__.objects.public()) == [public]
