"""Two moderators deciding on the same item at the same moment: exactly one decision wins, the
other is told who decided first, and nothing is published twice.

Needs real row locks, so it runs on PostgreSQL (CI runs the suite on both databases); SQLite
serialises every write and cannot show the race.
"""

import pytest
from django.db import connection

from moderation.models import AuditRecord
from practices import workflow
from practices.models import Practice
from tests.support import race

S = Practice.Status

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writes",
    ),
]


def _copy(practice):
    return Practice.objects.get(pk=practice.pk)


@pytest.mark.parametrize("repeat", range(3))
def test_approve_against_reject_exactly_one_wins(repeat, make_practice, moderator, admin_user):
    practice = make_practice(S.SUBMITTED)
    first, second = _copy(practice), _copy(practice)
    outcomes = race(
        lambda: workflow.approve(first, by=moderator),
        lambda: workflow.reject(second, by=admin_user, comment="Duplicate."),
    )
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["ok", "refused"]
    refusal = next(value for kind, value in outcomes if kind == "refused")
    assert "Already decided by" in refusal
    records = AuditRecord.objects.for_object(practice)
    assert records.count() == 1
    practice.refresh_from_db()
    assert practice.status == records.get().to_status
    assert refusal.startswith(f"Already decided by {records.get().actor_name}")


def test_two_approvals_publish_once(make_practice, moderator, admin_user):
    practice = make_practice(S.SUBMITTED)
    first, second = _copy(practice), _copy(practice)
    outcomes = race(
        lambda: workflow.approve(first, by=moderator),
        lambda: workflow.approve(second, by=admin_user),
    )
    assert sorted(kind for kind, _value in outcomes) == ["ok", "refused"]
    assert AuditRecord.objects.for_object(practice).filter(action="approve").count() == 1


def test_two_approvals_of_a_revision_copy_it_once(make_practice, submitter, moderator, admin_user):
    live = make_practice(S.PUBLISHED)
    revision = workflow.start_revision(live, by=submitter)
    workflow.submit(revision, by=submitter)
    version = live.version
    first, second = _copy(revision), _copy(revision)
    outcomes = race(
        lambda: workflow.approve(first, by=moderator),
        lambda: workflow.approve(second, by=admin_user),
    )
    assert sorted(kind for kind, _value in outcomes) == ["ok", "refused"]
    live.refresh_from_db()
    assert live.version == version + 1


def test_two_concurrent_saves_of_one_draft_keep_the_first_and_refuse_the_second(
    make_practice, submitter, form_data
):
    from practices.forms import PracticeForm

    practice = make_practice(S.DRAFT)
    forms = []
    for title in ("Saved by A", "Saved by B"):
        form = PracticeForm(
            form_data(practice, title=title), instance=_copy(practice), user=submitter
        )
        assert form.is_valid(), form.errors
        forms.append(form)
    outcomes = race(
        *[
            lambda form=form: workflow.save_draft(form, by=submitter, expected_version=1)
            for form in forms
        ]
    )
    assert sorted(kind for kind, _value in outcomes) == ["ok", "refused"]
    practice.refresh_from_db()
    assert practice.version == 2
    winner = next(value for kind, value in outcomes if kind == "ok")
    assert practice.title == winner.title
