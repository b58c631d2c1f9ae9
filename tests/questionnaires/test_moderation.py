"""Moderators publish responses through the same transitions (and audit trail) as practices."""

import pytest
from django.urls import reverse

from moderation.models import AuditRecord
from moderation.transitions import TransitionError
from questionnaires import workflow
from questionnaires.models import Response

from .factories import AnswerFactory, ResponseFactory


@pytest.fixture
def submitted(round, questions, state):
    response = ResponseFactory(
        round=round, state=state, status=Response.Status.SUBMITTED, published_at=None
    )
    AnswerFactory(response=response, question=questions["yes_no"])
    return response


def action_url(response):
    return reverse(
        "questionnaires:response_action",
        kwargs={"year": response.round.year, "state": response.state.slug},
    )


def test_moderator_publishes_a_submitted_response(client, moderator, submitted):
    client.force_login(moderator)

    client.post(action_url(submitted), {"action": "approve", "reviewed_version": submitted.version})

    submitted.refresh_from_db()
    assert submitted.status == Response.Status.PUBLISHED
    assert submitted.published_at is not None
    record = AuditRecord.objects.for_object(submitted).get()
    assert (record.action, record.actor) == ("approve", moderator)


def test_submitter_cannot_publish_their_own_response(client, submitter, submitted):
    client.force_login(submitter)

    result = client.post(action_url(submitted), {"action": "approve"}, follow=True)

    submitted.refresh_from_db()
    assert submitted.status == Response.Status.SUBMITTED
    assert "Only a moderator" in result.content.decode()


def test_requesting_changes_needs_a_comment_and_reopens_the_form(moderator, submitted):
    with pytest.raises(TransitionError):
        workflow.request_changes(submitted, by=moderator, comment=" ")

    workflow.request_changes(submitted, by=moderator, comment="Please answer question 2.")

    submitted.refresh_from_db()
    assert submitted.status == Response.Status.CHANGES_REQUESTED
    assert submitted.is_editable


def test_submitter_can_withdraw_to_draft(submitter, submitted):
    workflow.withdraw(submitted, by=submitter)

    submitted.refresh_from_db()
    assert submitted.status == Response.Status.DRAFT


def test_unknown_action_is_refused_without_error(client, moderator, submitted):
    client.force_login(moderator)

    result = client.post(action_url(submitted), {"action": "explode"}, follow=True)

    assert result.status_code == 200
    assert "Unknown action" in result.content.decode()


def test_review_queue_lists_submitted_responses_for_moderators_only(
    client, moderator, submitter, submitted
):
    url = reverse("questionnaires:review_queue")
    client.force_login(submitter)
    assert client.get(url).status_code == 404

    client.force_login(moderator)
    page = client.get(url)

    assert page.status_code == 200
    assert submitted.get_absolute_url() in page.content.decode()


def test_moderator_sees_decision_buttons_on_the_response(client, moderator, submitted):
    client.force_login(moderator)

    html = client.get(submitted.get_absolute_url()).content.decode()

    assert 'value="approve"' in html
    assert 'value="request_changes"' in html
