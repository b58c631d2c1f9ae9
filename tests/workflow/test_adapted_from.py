"""'Adapted from': a practice names the published practice of another State it adapted; both
pages show the link ("Adapted by Senegal, 2026"), and so does the API."""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from practices import workflow
from practices.evidence import adaptation_error
from practices.models import Practice
from tests import factories

S = Practice.Status
pytestmark = pytest.mark.django_db


def _step(practice):
    return reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "what-was-done"})


def _data(practice, **fields):
    return {"version": practice.version, "description": "", "intent": "save", **fields}


@pytest.fixture
def original(other_state):
    return factories.PracticeFactory(
        title="Remittance matching fund",
        lead_state=other_state,
        published_at=datetime(2025, 3, 1, tzinfo=UTC),
    )


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


def test_a_draft_names_the_practice_of_another_state_it_adapted(signed_in, make_practice, original):
    practice = make_practice()
    response = signed_in.post(_step(practice), _data(practice, adapted_from=original.pk))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.adapted_from == original


def test_the_step_lists_published_practices_of_other_states_and_finds_by_title(
    signed_in, make_practice, original, state
):
    practice = make_practice()
    own = factories.PracticeFactory(title="Our own matching scheme", lead_state=state)
    factories.PracticeFactory(title="A draft matching idea", status=S.DRAFT)
    page = signed_in.get(_step(practice)).content.decode()
    assert 'name="adapted_from_search"' in page
    assert "Remittance matching fund (" in page
    assert own.title not in page and "A draft matching idea" not in page

    response = signed_in.post(
        _step(practice), _data(practice, adapted_from_search="matching", intent="find")
    )
    assert response.status_code == 302 and "find=matching" in response.url
    found = signed_in.get(response.url).content.decode()
    assert "Remittance matching fund (" in found
    assert (
        signed_in.get(_step(practice), {"find": "nothing like it"})
        .content.decode()
        .count("Remittance matching fund (")
        == 0
    )


def test_a_practice_of_the_same_lead_state_is_refused_keeping_the_input(
    signed_in, make_practice, state
):
    practice = make_practice()
    same = factories.PracticeFactory(title="Same State practice", lead_state=state)
    response = signed_in.post(
        _step(practice), _data(practice, adapted_from=same.pk, description="Kept text.")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "same lead State" in page
    assert "Kept text." in page
    practice.refresh_from_db()
    assert practice.adapted_from is None


def test_a_practice_cannot_be_adapted_from_itself_nor_from_its_live_version(
    make_practice, submitter
):
    live = make_practice(S.PUBLISHED)
    assert "itself" in adaptation_error(live, live)
    revision = workflow.start_revision(live, by=submitter)
    assert "itself" in adaptation_error(revision, live)


def test_links_never_loop(make_practice, original, other_state):
    practice = make_practice(S.PUBLISHED)
    original.adapted_from = practice
    original.save()
    assert "loop" in adaptation_error(practice, original)


def test_an_unpublished_practice_cannot_be_chosen(signed_in, make_practice, other_state):
    practice = make_practice()
    draft = factories.PracticeFactory(lead_state=other_state, status=S.DRAFT)
    response = signed_in.post(_step(practice), _data(practice, adapted_from=draft.pk))
    assert response.status_code == 400
    assert "published" in adaptation_error(practice, draft)


def test_both_pages_show_the_link(client, make_practice, original, state):
    adapter = make_practice(
        S.PUBLISHED,
        adapted_from=original,
        published_at=datetime(2026, 5, 4, 12, tzinfo=UTC),
    )

    adapter_page = client.get(adapter.get_absolute_url()).content.decode()
    assert f'Adapted from <a href="{original.get_absolute_url()}">Remittance matching fund</a>' in (
        adapter_page
    )

    original_page = client.get(original.get_absolute_url()).content.decode()
    assert f'<a href="{adapter.get_absolute_url()}">Adapted by {state.name}, 2026</a>' in (
        original_page
    )


def test_unpublished_adapters_are_not_shown_on_the_original(client, make_practice, original):
    make_practice(S.DRAFT, adapted_from=original)
    make_practice(S.ARCHIVED, adapted_from=original)
    page = client.get(original.get_absolute_url()).content.decode()
    assert "Adapted by" not in page


def test_publishing_an_adapter_refreshes_the_cached_original_page(
    client, make_practice, original, submitter, moderator, state
):
    assert "Adapted by" not in client.get(original.get_absolute_url()).content.decode()
    adapter = make_practice(S.DRAFT, adapted_from=original)
    workflow.submit(adapter, by=submitter)
    workflow.approve(adapter, by=moderator)
    page = client.get(original.get_absolute_url()).content.decode()
    assert f"Adapted by {state.name}" in page


def test_the_api_gives_adapted_from_and_adapted_by(client, make_practice, original):
    adapter = make_practice(S.PUBLISHED, adapted_from=original)
    make_practice(S.DRAFT, adapted_from=original)

    item = client.get(f"/api/v1/practices/{adapter.uuid}/").json()
    assert item["adapted_from"]["uuid"] == str(original.uuid)
    assert item["adapted_from"]["url"].endswith(f"/api/v1/practices/{original.uuid}/")

    item = client.get(f"/api/v1/practices/{original.uuid}/").json()
    assert [a["uuid"] for a in item["adapted_by"]] == [str(adapter.uuid)]


def test_a_page_with_adaptations_keeps_its_query_count(
    client, make_practice, original, served_once, django_assert_num_queries
):
    make_practice(S.PUBLISHED, adapted_from=original)
    make_practice(S.PUBLISHED, adapted_from=original)
    url = original.get_absolute_url()
    served_once(client, url)
    # The practice, its links (which say it has adapters and no indicators), related
    # practices in two, its versions, its latest currency answer and its adapters in one
    # query however many (no contacts: tests/public/test_pages.py has one more).
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_a_draft_written_through_the_api_names_its_original_by_uuid(
    client, submitter, make_practice, original, state
):
    client.force_login(submitter)
    practice = make_practice()
    url = f"/api/v1/practices/{practice.uuid}/"
    hidden = factories.PracticeFactory(status=S.DRAFT)
    refused = client.patch(
        url,
        json.dumps({"version": practice.version, "adapted_from": str(hidden.uuid)}),
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "not one of the available choices" in str(refused.json())

    saved = client.patch(
        url,
        json.dumps({"version": practice.version, "adapted_from": str(original.uuid)}),
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.json()
    practice.refresh_from_db()
    assert practice.adapted_from == original
