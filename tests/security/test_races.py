"""Business-logic races: two requests that must not both win.

Two decisions on one submission, an edit racing a decision, a double submit: one winner, one
audit record for what happened, nothing applied twice. Needs real row locks, so it runs on
PostgreSQL (CI runs the suite on both databases). ASVS 4.0.3 V11.1.1, V11.1.6.
"""

import pytest
from django.db import connection
from django.utils import timezone

from moderation.models import AuditRecord
from practices import workflow
from practices.models import Practice
from tests import factories
from tests.support import race

S = Practice.Status

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writes",
    ),
]


def _race(*actions):
    """Which of the actions won and which were refused, sorted: ``["ok", "refused"]``."""
    return sorted(kind for kind, _value in race(*actions))


def _fresh(practice):
    return Practice.objects.get(pk=practice.pk)


@pytest.fixture
def submission(state, submitter):
    return factories.PracticeFactory(
        lead_state=state,
        created_by=submitter,
        status=S.SUBMITTED,
        published_at=None,
        submitted_at=timezone.now(),
    )


DECISIONS = {
    "approve": lambda p, by: workflow.approve(p, by=by),
    "request changes": lambda p, by: workflow.request_changes(p, by=by, comment="Fix it."),
    "reject": lambda p, by: workflow.reject(p, by=by, comment="No."),
}


@pytest.mark.parametrize("second", sorted(DECISIONS))
@pytest.mark.parametrize("first", sorted(DECISIONS))
def test_two_decisions_on_one_submission_leave_one_winner(
    first, second, submission, moderator, admin_user
):
    outcomes = _race(
        lambda: DECISIONS[first](_fresh(submission), moderator),
        lambda: DECISIONS[second](_fresh(submission), admin_user),
    )

    assert outcomes == ["ok", "refused"]
    records = AuditRecord.objects.for_object(submission)
    assert records.count() == 1
    assert _fresh(submission).status == records.get().to_status


def test_a_withdrawal_racing_an_approval_leaves_one_winner(submission, submitter, moderator):
    outcomes = _race(
        lambda: workflow.withdraw(_fresh(submission), by=submitter),
        lambda: workflow.approve(_fresh(submission), by=moderator),
    )

    assert outcomes == ["ok", "refused"]
    records = AuditRecord.objects.for_object(submission)
    assert records.count() == 1
    assert _fresh(submission).status == records.get().to_status


def test_a_double_submit_submits_once(state, submitter):
    draft = factories.PracticeFactory(
        lead_state=state, created_by=submitter, status=S.DRAFT, published_at=None
    )

    outcomes = _race(
        lambda: workflow.submit(_fresh(draft), by=submitter),
        lambda: workflow.submit(_fresh(draft), by=submitter),
    )

    assert outcomes == ["ok", "refused"]
    assert AuditRecord.objects.for_object(draft).filter(action="submit").count() == 1
