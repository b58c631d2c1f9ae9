"""Fixtures for the API tests: a clean throttle state, an API client, partner tokens, data."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from partners.models import PartnerToken
from practices.models import Practice
from tests import factories


@pytest.fixture(autouse=True)
def clear_throttle_state():
    """Throttle counters live in the cache: every test starts (and leaves) with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def partner_user(db):
    return factories.UserFactory(username="iom-portal")


@pytest.fixture
def partner_key(partner_user):
    """The raw key of an active partner token (only its hash is stored)."""
    _token, raw_key = PartnerToken.issue(user=partner_user, name="IOM data portal")
    return raw_key


@pytest.fixture
def world(db, state, other_state):
    """A small but complete data set: every resource, public and non-public rows."""
    factories.load_classifications()
    theme = factories.ThemeFactory(name="Remittances", slug="remittances")
    other_theme = factories.ThemeFactory(name="Diaspora", slug="diaspora")
    pillar = factories.PillarFactory(name="Political commitment", slug="political-commitment")
    objective = factories.GcmObjectiveFactory(number=20)
    body = factories.RegionalBodyFactory(acronym="ECOWAS", slug="ecowas")
    body.members.add(state)
    institution = factories.InstitutionFactory(state=state, slug="ministry-of-migration")
    public_contact = factories.ContactFactory(state=state, institution=institution)
    hidden_contact = factories.ContactFactory(state=state, is_public=False, name="Private desk")
    published = factories.PracticeFactory(
        title="Cheaper remittances",
        slug="cheaper-remittances",
        lead_state=state,
        pillar=pillar,
        themes=[theme],
        start_year=2005,
        end_year=2010,
        stage=Practice.Stage.COMPLETED,
    )
    published.gcm_objectives.add(objective)
    published.partner_bodies.add(body)
    published.institutions.add(institution)
    published.contacts.add(public_contact, hidden_contact)
    other = factories.PracticeFactory(
        title="Diaspora bonds", slug="diaspora-bonds", lead_state=other_state, themes=[other_theme]
    )
    draft = factories.PracticeFactory(
        title="Secret draft",
        slug="secret-draft",
        lead_state=state,
        status=Practice.Status.DRAFT,
        published_at=None,
    )
    return {
        "theme": theme,
        "pillar": pillar,
        "objective": objective,
        "body": body,
        "institution": institution,
        "public_contact": public_contact,
        "hidden_contact": hidden_contact,
        "published": published,
        "other": other,
        "draft": draft,
    }
