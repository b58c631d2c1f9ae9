"""Editing a published practice: a revision goes through review while the live page stays as
it is; approval copies the revision onto the live practice."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from moderation.transitions import TransitionError
from practices import workflow
from practices.diff import revision_changes
from practices.models import Attachment, Practice
from tests.factories import RegionalBodyFactory, StateFactory, ThemeFactory

S = Practice.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def live(make_practice):
    practice = make_practice(S.PUBLISHED, title="Live title", summary="Live summary.")
    practice.partner_states.set([StateFactory()])
    return practice


def _approve_revision(revision, submitter, moderator, **changes):
    for field, value in changes.items():
        setattr(revision, field, value)
    revision.save()
    workflow.submit(revision, by=submitter)
    return workflow.approve(revision, by=moderator, comment="Fine.")


def test_a_revision_is_a_draft_copy_and_the_live_page_is_untouched(live, submitter, client):
    revision = workflow.start_revision(live, by=submitter)
    revision.title = "Revised title"
    revision.save()
    assert revision.revision_of == live
    assert revision.status == S.DRAFT
    assert list(revision.themes.all()) == list(live.themes.all())
    assert list(revision.partner_states.all()) == list(live.partner_states.all())
    response = client.get(live.get_absolute_url())
    assert "Live title" in response.content.decode()
    assert "Revised title" not in response.content.decode()
    assert list(Practice.objects.published()) == [live]


def test_a_pending_revision_is_reused_rather_than_duplicated(live, submitter, moderator):
    first = workflow.start_revision(live, by=submitter)
    assert workflow.start_revision(live, by=moderator) == first
    assert live.revisions.count() == 1


def test_while_in_review_the_live_page_still_shows_the_published_text(live, submitter, client):
    revision = workflow.start_revision(live, by=submitter)
    revision.summary = "Revised summary."
    revision.save()
    workflow.submit(revision, by=submitter)
    assert "Live summary." in client.get(live.get_absolute_url()).content.decode()


def test_approval_copies_fields_and_relations_onto_the_live_practice(live, submitter, moderator):
    revision = workflow.start_revision(live, by=submitter)
    new_theme, new_body = ThemeFactory(), RegionalBodyFactory()
    revision.themes.set([new_theme])
    revision.partner_bodies.set([new_body])
    revision.partner_states.clear()
    old_version, old_slug = live.version, live.slug
    _approve_revision(revision, submitter, moderator, title="Revised title", end_year=2010)
    live.refresh_from_db()
    assert live.title == "Revised title"
    assert live.end_year == 2010
    assert list(live.themes.all()) == [new_theme]
    assert list(live.partner_bodies.all()) == [new_body]
    assert not live.partner_states.exists()
    assert live.version == old_version + 1
    assert live.slug == old_slug
    assert live.status == S.PUBLISHED
    assert list(Practice.objects.published()) == [live]


def test_after_approval_the_public_page_shows_the_revision(live, submitter, moderator, client):
    revision = workflow.start_revision(live, by=submitter)
    _approve_revision(revision, submitter, moderator, summary="Revised summary.")
    assert "Revised summary." in client.get(live.get_absolute_url()).content.decode()


def test_rejecting_a_revision_leaves_the_live_practice_as_it_was(live, submitter, moderator):
    revision = workflow.start_revision(live, by=submitter)
    revision.title = "Unwanted"
    revision.save()
    workflow.submit(revision, by=submitter)
    workflow.reject(revision, by=moderator, comment="Not accurate.")
    live.refresh_from_db()
    assert live.title == "Live title"
    assert live.status == S.PUBLISHED


def test_a_revision_of_an_archived_practice_cannot_be_approved(live, submitter, moderator):
    revision = workflow.start_revision(live, by=submitter)
    workflow.submit(revision, by=submitter)
    workflow.archive(live, by=moderator, comment="Ended.")
    with pytest.raises(TransitionError, match="no longer published"):
        workflow.approve(revision, by=moderator)
    revision.refresh_from_db()
    assert revision.status == S.SUBMITTED


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.REJECTED, S.ARCHIVED])
def test_only_a_published_practice_can_be_revised(status, make_practice, submitter):
    with pytest.raises(TransitionError, match="Only a published practice"):
        workflow.start_revision(make_practice(status), by=submitter)


def test_another_states_submitter_cannot_revise(live, other_submitter):
    with pytest.raises(TransitionError):
        workflow.start_revision(live, by=other_submitter)


def test_attachments_follow_the_revision(live, submitter, moderator):
    kept = Attachment(
        practice=live, original_name="kept.pdf", content_type="application/pdf", size=9
    )
    kept.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    dropped = Attachment(
        practice=live, original_name="dropped.pdf", content_type="application/pdf", size=9
    )
    dropped.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    revision = workflow.start_revision(live, by=submitter)
    revision.attachments.get(original_name="dropped.pdf").delete()
    storage = dropped.file.storage
    _approve_revision(revision, submitter, moderator)
    assert list(live.attachments.values_list("original_name", flat=True)) == ["kept.pdf"]
    assert storage.exists(kept.file.name)


def test_the_review_page_shows_a_field_by_field_diff(live, submitter, moderator, client):
    revision = workflow.start_revision(live, by=submitter)
    revision.summary = "Live summary. Now with results."
    revision.save()
    revision.partner_states.clear()
    workflow.submit(revision, by=submitter)
    changes = {change.label: change for change in revision_changes(live, revision)}
    assert set(changes) == {"summary", "partner States"}
    assert "<ins>" in changes["summary"].html
    client.force_login(moderator)
    html = client.get(reverse("moderation:review", kwargs={"pk": revision.pk})).content.decode()
    assert "Changes against the live version" in html
    assert "<ins>Now with results.</ins>" in html


def test_the_diff_escapes_what_was_typed(live, submitter):
    revision = workflow.start_revision(live, by=submitter)
    revision.summary = "<script>alert(1)</script>"
    changes = revision_changes(live, revision)
    assert "<script>" not in changes[0].html
    assert "&lt;script&gt;" in changes[0].html
