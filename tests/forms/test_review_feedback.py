"""The State sees the moderator's "changes requested" comment where it edits; the moderator
sees a resubmission as a diff against what they last reviewed; a revision names the version
it revises."""

import pytest
from django.urls import reverse

from moderation.models import Action, AuditRecord
from practices import workflow
from practices.diff import content_snapshot
from practices.models import Practice

pytestmark = pytest.mark.django_db
S = Practice.Status


def _send_back(practice, moderator, comment="Please give the start year."):
    workflow.request_changes(
        practice,
        by=moderator,
        comment=comment,
        reviewed_version=workflow.content_fingerprint(practice),
        reviewed_content=content_snapshot(practice),
    )
    practice.refresh_from_db()
    return practice


def test_every_edit_page_shows_the_moderators_changes_requested_comment(
    signed_in, make_practice, moderator
):
    practice = _send_back(make_practice(S.SUBMITTED), moderator)
    for url in (
        reverse("workflow:practice_edit", kwargs={"pk": practice.pk}),
        reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "about"}),
        reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "check"}),
    ):
        page = signed_in.get(url).content.decode()
        assert "Changes requested by the moderator" in page
        assert "Please give the start year." in page


def test_a_draft_never_sent_back_shows_no_request_for_changes(signed_in, make_practice):
    practice = make_practice(S.DRAFT)
    page = signed_in.get(reverse("workflow:practice_edit", kwargs={"pk": practice.pk}))
    assert "Changes requested by the moderator" not in page.content.decode()


def test_a_resubmission_shows_the_moderator_what_changed_since_they_last_reviewed(
    client, make_practice, moderator, submitter
):
    practice = _send_back(make_practice(S.SUBMITTED, summary="Bonds for roads."), moderator)
    practice.summary = "Bonds for roads and schools, since 2005."
    practice.save()
    workflow.submit(practice, by=submitter)
    client.force_login(moderator)
    response = client.get(reverse("moderation:review", kwargs={"pk": practice.pk}))
    changes = response.context["since_review"]
    assert [(c.before, c.after) for c in changes] == [
        ("Bonds for roads.", "Bonds for roads and schools, since 2005.")
    ]
    page = response.content.decode()
    assert "Changes since the last review" in page
    assert "<ins>and schools, since 2005.</ins>" in page or "<ins>" in page


def test_a_first_submission_has_no_diff_against_a_previous_review(client, make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    client.force_login(moderator)
    response = client.get(reverse("moderation:review", kwargs={"pk": practice.pk}))
    assert response.context["since_review"] is None


def test_a_revision_says_which_version_it_revises(signed_in, make_practice, submitter):
    live = make_practice(S.PUBLISHED)
    Practice.objects.filter(pk=live.pk).update(version=2)
    live.refresh_from_db()
    revision = workflow.start_revision(live, by=submitter)
    status = signed_in.get(reverse("workflow:practice_status", kwargs={"pk": revision.pk}))
    assert "revises version 2" in status.content.decode()
    step = signed_in.get(
        reverse("workflow:practice_step", kwargs={"pk": revision.pk, "step": "about"})
    )
    assert "it revises version 2" in step.content.decode()


def test_the_reviewed_content_is_kept_with_the_decision(make_practice, moderator):
    practice = _send_back(make_practice(S.SUBMITTED, title="Diaspora bonds"), moderator)
    assert practice.last_reviewed["title"] == "Diaspora bonds"
    assert AuditRecord.objects.for_object(practice).last().action == Action.REQUEST_CHANGES
