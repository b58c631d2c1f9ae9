"""Drafts, revisions, rejected practices and non-public contacts stay out of the API for
everyone but their State's users and moderators: their identifiers answer 404."""

import pytest

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [
    Practice.Status.DRAFT,
    Practice.Status.SUBMITTED,
    Practice.Status.CHANGES_REQUESTED,
    Practice.Status.REJECTED,
    Practice.Status.ARCHIVED,
]


def token_header(user):
    from partners.models import PartnerToken

    _token, key = PartnerToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_anonymous_client_gets_404_for_an_unpublished_practice(client, state, status):
    practice = factories.PracticeFactory(lead_state=state, status=status)

    assert client.get(f"/api/v1/practices/{practice.slug}/").status_code == 404
    assert client.get(f"/api/v1/practices/{practice.uuid}/").status_code == 404
    listed = [p["slug"] for p in client.get("/api/v1/practices/").json()["results"]]
    assert practice.slug not in listed


def test_pending_revision_of_a_published_practice_is_not_reachable(client, state):
    live = factories.PracticeFactory(lead_state=state)
    revision = factories.PracticeFactory(
        lead_state=state, revision_of=live, slug=f"{live.slug}-rev-1", title="Changed title"
    )

    assert client.get(f"/api/v1/practices/{revision.uuid}/").status_code == 404
    listed = [p["slug"] for p in client.get("/api/v1/practices/").json()["results"]]
    assert listed == [live.slug]


def test_partner_token_does_not_reveal_drafts(client, world, partner_key):
    response = client.get(
        f"/api/v1/practices/{world['draft'].uuid}/", HTTP_AUTHORIZATION=f"Token {partner_key}"
    )

    assert response.status_code == 404


def test_other_states_submitter_cannot_reach_a_draft(client, world, other_submitter):
    client.force_login(other_submitter)

    assert client.get(f"/api/v1/practices/{world['draft'].slug}/").status_code == 404


def test_own_states_submitter_reaches_the_draft_by_session_and_by_token(client, world, submitter):
    by_token = client.get(f"/api/v1/practices/{world['draft'].slug}/", **token_header(submitter))
    client.force_login(submitter)
    by_session = client.get(f"/api/v1/practices/{world['draft'].slug}/")

    assert by_token.status_code == by_session.status_code == 200
    assert by_session.json()["status"] == "draft"


def test_moderator_reaches_every_draft(client, world, moderator):
    client.force_login(moderator)

    assert client.get(f"/api/v1/practices/{world['draft'].uuid}/").status_code == 200


def test_non_public_contact_is_404_and_unlisted_for_the_public(client, world):
    hidden = world["hidden_contact"]

    assert client.get(f"/api/v1/contacts/{hidden.public_id}/").status_code == 404
    listed = [c["public_id"] for c in client.get("/api/v1/contacts/").json()["results"]]
    assert listed == [str(world["public_contact"].public_id)]


def test_practice_embeds_only_the_public_contacts(client, world):
    data = client.get("/api/v1/practices/cheaper-remittances/").json()

    assert [c["public_id"] for c in data["contacts"]] == [str(world["public_contact"].public_id)]


def test_own_states_submitter_sees_its_non_public_contacts(client, world, submitter):
    client.force_login(submitter)
    hidden = world["hidden_contact"]

    assert client.get(f"/api/v1/contacts/{hidden.public_id}/").status_code == 200
    practice = client.get("/api/v1/practices/cheaper-remittances/").json()
    assert len(practice["contacts"]) == 2
