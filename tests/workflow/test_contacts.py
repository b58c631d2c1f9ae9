"""Submitters manage their States' contacts and choose which are public."""

import pytest

from states.models import Contact
from tests.factories import ContactFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


def test_a_new_contact_belongs_to_the_pages_state_whatever_is_posted(signed_in, state, other_state):
    response = signed_in.post(
        f"/en/my-state/states/{state.slug}/contacts/new/",
        {"name": "Diaspora desk", "email": "desk@gov.example", "state": other_state.pk},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.state == state
    assert contact.is_public is False


def test_marking_a_contact_public_and_back(signed_in, state):
    contact = ContactFactory(state=state, is_public=False)
    url = f"/en/my-state/contacts/{contact.pk}/edit/"
    signed_in.post(url, {"name": contact.name, "is_public": "on"})
    contact.refresh_from_db()
    assert contact.is_public
    signed_in.post(url, {"name": contact.name})
    contact.refresh_from_db()
    assert not contact.is_public


def test_non_public_contacts_stay_off_the_public_state_page(client, state):
    ContactFactory(state=state, name="Public desk", is_public=True)
    ContactFactory(state=state, name="Private desk", is_public=False)
    html = client.get(state.get_absolute_url()).content.decode()
    assert "Public desk" in html
    assert "Private desk" not in html


def test_only_the_states_own_institutions_are_offered(signed_in, state, other_state):
    own = InstitutionFactory(state=state)
    foreign = InstitutionFactory(state=other_state)
    form = signed_in.get(f"/en/my-state/states/{state.slug}/contacts/new/").context["form"]
    offered = set(form.fields["institution"].queryset)
    assert own in offered
    assert foreign not in offered


def test_invalid_input_keeps_what_was_typed(signed_in, state):
    response = signed_in.post(
        f"/en/my-state/states/{state.slug}/contacts/new/",
        {"name": "Desk typed", "email": "not-an-email"},
    )
    assert response.status_code == 400
    assert 'value="Desk typed"' in response.content.decode()
    assert not Contact.objects.exists()
