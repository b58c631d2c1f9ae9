"""A State's user can write drafts through the API and submit them for review, through the
same form and workflow as the site; nothing written through the API is public before review."""

import pytest

from moderation.models import AuditRecord
from partners.models import PartnerToken
from practices import workflow
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitter_auth(submitter):
    _token, key = PartnerToken.issue(user=submitter, name="Ministry CMS")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def draft_body(state):
    factories.PillarFactory(slug="political-commitment")
    factories.ThemeFactory(slug="remittances")
    return {
        "title": "Remittance matching fund",
        "summary": "Each dollar sent home for local projects is matched by the State.",
        "lead_state": state.slug,
        "pillar": "political-commitment",
        "themes": ["remittances"],
        "start_year": 2002,
        "language": "en",
    }


def post(client, body, **headers):
    return client.post("/api/v1/practices/", body, format="json", **headers)


def test_submitter_token_creates_a_private_draft(client, draft_body, submitter_auth, submitter):
    response = post(client, {**draft_body, "status": "published"}, **submitter_auth)

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "draft"
    assert response["Location"] == data["url"]
    practice = Practice.objects.get(uuid=data["uuid"])
    assert practice.created_by == submitter
    assert [t.slug for t in practice.themes.all()] == ["remittances"]
    assert client.get(data["url"]).status_code == 404  # anonymous: a draft is not there


def test_anonymous_client_cannot_write(client, draft_body):
    response = post(client, draft_body)

    assert response.status_code == 401
    assert not Practice.objects.exists()


def test_partner_without_a_state_cannot_write(client, draft_body, partner_key):
    response = post(client, draft_body, HTTP_AUTHORIZATION=f"Token {partner_key}")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_submitter_cannot_write_for_another_state(client, draft_body, submitter_auth, other_state):
    response = post(client, {**draft_body, "lead_state": other_state.slug}, **submitter_auth)

    assert response.status_code == 400
    assert "lead_state" in response.json()["errors"]


def test_invalid_draft_is_a_400_per_field(client, draft_body, submitter_auth):
    response = post(client, {**draft_body, "themes": ["nope"], "end_year": 1990}, **submitter_auth)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"themes"}


def test_changing_a_draft_needs_the_current_version(client, draft_body, submitter_auth):
    url = post(client, draft_body, **submitter_auth).json()["url"]
    practice = Practice.objects.get()

    missing = client.patch(url, {"title": "New"}, format="json", **submitter_auth)
    changed = client.patch(
        url, {"title": "New title", "version": practice.version}, format="json", **submitter_auth
    )
    stale = client.patch(
        url, {"title": "Lost", "version": practice.version}, format="json", **submitter_auth
    )

    assert missing.status_code == 400
    assert changed.status_code == 200
    assert changed.json()["title"] == "New title"
    assert changed.json()["themes"][0]["slug"] == "remittances"  # untouched fields kept
    assert stale.status_code == 409
    practice.refresh_from_db()
    assert practice.title == "New title"


def test_other_states_draft_cannot_be_changed_or_even_found(client, other_state, submitter_auth):
    draft = factories.PracticeFactory(
        lead_state=other_state, status=Practice.Status.DRAFT, published_at=None
    )

    response = client.patch(
        f"/api/v1/practices/{draft.uuid}/",
        {"title": "x", "version": 1},
        format="json",
        **submitter_auth,
    )

    assert response.status_code == 404


def test_published_practice_cannot_be_changed_through_a_draft_edit(client, state, submitter_auth):
    published = factories.PracticeFactory(lead_state=state)

    response = client.patch(
        f"/api/v1/practices/{published.uuid}/",
        {"title": "Sneaky", "version": published.version},
        format="json",
        **submitter_auth,
    )

    assert response.status_code == 409
    published.refresh_from_db()
    assert published.title != "Sneaky"


def test_submitted_draft_enters_moderation_and_is_published_only_by_a_moderator(
    client, draft_body, submitter_auth, moderator
):
    url = post(client, draft_body, **submitter_auth).json()["url"]

    submitted = client.post(f"{url}submit/", **submitter_auth)
    again = client.post(f"{url}submit/", **submitter_auth)

    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert again.status_code == 409
    practice = Practice.objects.get()
    assert [r.action for r in AuditRecord.objects.for_object(practice)] == ["submit"]
    assert client.get(url).status_code == 404
    workflow.approve(practice, by=moderator)
    assert client.get(url).json()["status"] == "published"


def test_the_version_read_from_the_api_is_the_one_a_change_sends(
    client, draft_body, submitter_auth
):
    created = post(client, draft_body, **submitter_auth).json()
    read = client.get(created["url"], **submitter_auth).json()

    changed = client.patch(
        created["url"],
        {"title": "New", "version": read["version"]},
        format="json",
        **submitter_auth,
    )
    stale = client.patch(
        created["url"],
        {"title": "Lost", "version": read["version"]},
        format="json",
        **submitter_auth,
    )

    assert created["version"] == read["version"] == 1
    assert (changed.status_code, changed.json()["version"]) == (200, 2)
    assert stale.status_code == 409
    assert stale["Content-Type"].startswith("application/json")
    assert "Someone else saved this practice" in stale.json()["detail"]


def test_an_api_change_keeps_the_link_to_a_contact_the_submitter_cannot_see(
    client, draft_body, submitter_auth, other_state
):
    url = post(client, draft_body, **submitter_auth).json()["url"]
    practice = Practice.objects.get()
    private = factories.ContactFactory(state=other_state, is_public=False, name="Hidden desk")
    practice.contacts.add(private)

    response = client.patch(
        url, {"title": "Edited", "version": practice.version}, format="json", **submitter_auth
    )

    assert response.status_code == 200, response.json()
    assert "Hidden desk" not in response.content.decode()
    assert list(practice.contacts.all()) == [private]
