"""Every status change leaves one immutable record: who, when, from, to, and the comment."""

import pytest
from django.contrib.contenttypes.models import ContentType

from moderation.models import AuditRecord
from practices import workflow
from practices.models import Practice

S = Practice.Status
pytestmark = pytest.mark.django_db


def test_a_full_review_cycle_is_recorded_in_order(make_practice, submitter, moderator):
    practice = make_practice(S.DRAFT)
    workflow.submit(practice, by=submitter)
    workflow.request_changes(practice, by=moderator, comment="Add the budget.")
    workflow.submit(practice, by=submitter)
    workflow.approve(practice, by=moderator, comment="Thank you.")
    workflow.archive(practice, by=moderator, comment="Programme ended.")
    trail = [
        (r.action, r.from_status, r.to_status, r.actor, r.comment)
        for r in AuditRecord.objects.for_object(practice)
    ]
    assert trail == [
        ("submit", S.DRAFT, S.SUBMITTED, submitter, ""),
        ("request_changes", S.SUBMITTED, S.CHANGES_REQUESTED, moderator, "Add the budget."),
        ("submit", S.CHANGES_REQUESTED, S.SUBMITTED, submitter, ""),
        ("approve", S.SUBMITTED, S.PUBLISHED, moderator, "Thank you."),
        ("archive", S.PUBLISHED, S.ARCHIVED, moderator, "Programme ended."),
    ]
    assert all(r.created_at for r in AuditRecord.objects.all())


def test_records_keep_the_actors_name_after_the_account_is_deleted(
    make_practice, submitter, moderator
):
    moderator.first_name, moderator.last_name = "Ana", "Reviewer"
    moderator.save()
    practice = make_practice(S.SUBMITTED)
    workflow.reject(practice, by=moderator, comment="Duplicate.")
    moderator.delete()
    record = AuditRecord.objects.for_object(practice).get()
    assert record.actor is None
    assert record.actor_name == "Ana Reviewer"


def test_records_cannot_be_changed_or_deleted(make_practice, submitter):
    practice = make_practice(S.DRAFT)
    record = workflow.submit(practice, by=submitter)
    record.comment = "rewritten"
    with pytest.raises(ValueError, match="immutable"):
        record.save()
    with pytest.raises(ValueError, match="immutable"):
        record.delete()


def test_a_refused_transition_writes_nothing(make_practice, moderator):
    practice = make_practice(S.DRAFT)
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the point is the empty trail
        workflow.approve(practice, by=moderator)
    assert not AuditRecord.objects.exists()


def test_saving_a_draft_is_not_a_status_change(client, submitter, make_practice, form_data):
    practice = make_practice(S.DRAFT)
    client.force_login(submitter)
    client.post(f"/en/my-state/practices/{practice.pk}/edit/", form_data(practice, title="New"))
    assert not AuditRecord.objects.exists()


def test_the_trail_is_read_only_in_the_admin(admin_client, make_practice, submitter):
    practice = make_practice(S.DRAFT)
    record = workflow.submit(practice, by=submitter)
    assert admin_client.get(f"/admin/moderation/auditrecord/{record.pk}/change/").status_code == 200
    response = admin_client.post(
        f"/admin/moderation/auditrecord/{record.pk}/change/", {"comment": "forged"}
    )
    assert response.status_code == 403
    assert AuditRecord.objects.get().comment == ""
    assert AuditRecord.objects.get().content_type == ContentType.objects.get_for_model(Practice)
