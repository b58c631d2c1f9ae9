"""Every action from every status: legal ones move the practice and leave an audit record,
illegal ones are refused with a clear message and change nothing."""

import pytest

from moderation.models import AuditRecord
from moderation.transitions import TransitionError
from practices import workflow
from practices.models import Practice

S = Practice.Status
pytestmark = pytest.mark.django_db

LEGAL = {
    ("submit", S.DRAFT): S.SUBMITTED,
    ("submit", S.CHANGES_REQUESTED): S.SUBMITTED,
    ("withdraw", S.SUBMITTED): S.DRAFT,
    ("withdraw", S.CHANGES_REQUESTED): S.DRAFT,
    ("approve", S.SUBMITTED): S.PUBLISHED,
    ("request_changes", S.SUBMITTED): S.CHANGES_REQUESTED,
    ("reject", S.SUBMITTED): S.REJECTED,
    ("archive", S.PUBLISHED): S.ARCHIVED,
}
STATE_ACTIONS = {"submit", "withdraw"}
ACTIONS = ["submit", "withdraw", "approve", "request_changes", "reject", "archive"]


def _run(action, practice, user):
    function = getattr(workflow, action)
    if action in STATE_ACTIONS:
        return function(practice, by=user)
    return function(practice, by=user, comment="Reason given by the moderator.")


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_from_every_status(action, status, make_practice, submitter, moderator):
    practice = make_practice(status)
    actor = submitter if action in STATE_ACTIONS else moderator
    expected = LEGAL.get((action, status))
    if expected is None:
        with pytest.raises(TransitionError) as refused:
            _run(action, practice, actor)
        assert str(S(status).label) in refused.value.message
        practice.refresh_from_db()
        assert practice.status == status
        assert not AuditRecord.objects.for_object(practice).exists()
    else:
        record = _run(action, practice, actor)
        practice.refresh_from_db()
        assert practice.status == expected
        assert (record.from_status, record.to_status) == (status, expected)


@pytest.mark.parametrize("action", ["approve", "request_changes", "reject"])
def test_submitter_cannot_take_a_moderators_decision(action, make_practice, submitter):
    practice = make_practice(S.SUBMITTED)
    with pytest.raises(TransitionError, match="Only a moderator"):
        _run(action, practice, submitter)
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_submitter_cannot_archive_their_published_practice(make_practice, submitter):
    practice = make_practice(S.PUBLISHED)
    with pytest.raises(TransitionError, match="Only a moderator"):
        workflow.archive(practice, by=submitter, comment="no longer run")


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_other_states_submitter_cannot_submit_or_withdraw(action, make_practice, other_submitter):
    practice = make_practice(S.DRAFT if action == "submit" else S.SUBMITTED)
    with pytest.raises(TransitionError, match="owning State"):
        getattr(workflow, action)(practice, by=other_submitter)


@pytest.mark.parametrize(
    ("action", "status"),
    [("request_changes", S.SUBMITTED), ("reject", S.SUBMITTED), ("archive", S.PUBLISHED)],
)
@pytest.mark.parametrize("comment", ["", "   "])
def test_decisions_that_need_a_reason_refuse_an_empty_comment(
    action, status, comment, make_practice, moderator
):
    practice = make_practice(status)
    with pytest.raises(TransitionError, match="comment is required"):
        getattr(workflow, action)(practice, by=moderator, comment=comment)
    practice.refresh_from_db()
    assert practice.status == status


def test_approval_needs_no_comment(make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    workflow.approve(practice, by=moderator)
    assert practice.status == S.PUBLISHED


def test_first_approval_stamps_the_publication_date(make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    workflow.approve(practice, by=moderator)
    assert practice.published_at is not None


def test_submission_stamps_the_submission_date(make_practice, submitter):
    practice = make_practice(S.DRAFT)
    workflow.submit(practice, by=submitter)
    assert practice.submitted_at is not None


def test_a_stale_object_is_told_who_decided_first(make_practice, moderator, admin_user):
    practice = make_practice(S.SUBMITTED)
    stale_copy = Practice.objects.get(pk=practice.pk)
    workflow.approve(practice, by=moderator)
    with pytest.raises(TransitionError, match=f"Already decided by {moderator.username}"):
        workflow.reject(stale_copy, by=admin_user, comment="too late")
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED


def test_unknown_decision_is_refused(make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    with pytest.raises(TransitionError, match="Unknown decision"):
        workflow.decide(practice, "publish_everything", by=moderator)


def test_approved_and_archived_practices_enter_and_leave_the_public_list(make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    workflow.approve(practice, by=moderator)
    assert Practice.objects.published().filter(pk=practice.pk).exists()
    workflow.archive(practice, by=moderator, comment="Programme ended")
    assert not Practice.objects.published().filter(pk=practice.pk).exists()
