"""A mail server that cannot be reached loses no decision: it is saved, the mail retried by the
queue (in-process here: no broker in tests), and the failure logged and listed for staff in the
admin with its whole message, to be queued again."""

import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.models import AuditRecord, FailedEmail
from practices import workflow
from practices.models import Practice
from tests import factories

S = Practice.Status


@pytest.fixture
def smtp_down(settings):
    """Real SMTP backend aimed at a closed loopback port: every send is refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_SEND_ATTEMPTS = 3
    settings.EMAIL_RETRY_BACKOFF = 0.01  # the real default waits a second, then two


@pytest.fixture
def submitted(state, submitter):
    return factories.PracticeFactory(
        status=S.SUBMITTED,
        lead_state=state,
        created_by=submitter,
        published_at=None,
        submitted_at=timezone.now(),
    )


@pytest.mark.parametrize(
    ("decision", "expected"),
    [("approve", S.PUBLISHED), ("request_changes", S.CHANGES_REQUESTED), ("reject", S.REJECTED)],
)
def test_a_decision_is_saved_when_the_mail_server_is_unreachable(
    decision, expected, submitted, moderator, smtp_down, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.ERROR),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        getattr(workflow, decision)(submitted, by=moderator, comment="Decided.")
    assert callbacks, "the decision should send its email after commit"
    submitted.refresh_from_db()
    assert submitted.status == expected
    assert AuditRecord.objects.for_object(submitted).get().to_status == expected
    assert any("could not be sent" in record.getMessage() for record in caplog.records)


def test_an_unsent_decision_email_is_retried_then_recorded(
    submitted, moderator, smtp_down, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.approve(submitted, by=moderator, comment="Decided.")
    submitted.refresh_from_db()
    assert submitted.status == S.PUBLISHED
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2
    failed = FailedEmail.objects.get()
    assert failed.attempts == 3
    assert failed.recipients == [submitted.created_by.email]
    assert submitted.title in failed.subject
    assert "Connection refused" in failed.error or "Errno" in failed.error


def test_an_unsent_submission_email_to_moderators_is_recorded(
    state, submitter, moderator, smtp_down, django_capture_on_commit_callbacks
):
    practice = factories.PracticeFactory(
        status=S.DRAFT, lead_state=state, created_by=submitter, published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(practice, by=submitter)
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
    failed = FailedEmail.objects.get()
    assert moderator.email in failed.recipients


def test_admins_see_failed_emails_with_their_recipient_count(
    client, admin_user, submitted, moderator, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject(submitted, by=moderator, comment="Out of scope.")
    failed = FailedEmail.objects.get()
    client.force_login(admin_user)
    listing = client.get(reverse("admin:moderation_failedemail_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert submitted.title in page
    assert "Errno" in page or "refused" in page
    detail = client.get(reverse("admin:moderation_failedemail_change", args=[failed.pk]))
    assert submitted.created_by.email in detail.content.decode()


def test_moderators_without_staff_rights_do_not_see_failed_emails(
    client, moderator, submitted, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject(submitted, by=moderator, comment="Out of scope.")
    client.force_login(moderator)
    response = client.get(reverse("admin:moderation_failedemail_changelist"))
    assert response.status_code == 302  # to the admin's sign-in


def test_the_queue_waits_twice_as_long_before_each_retry_up_to_the_maximum(
    submitted, moderator, smtp_down, settings, caplog, django_capture_on_commit_callbacks
):
    # Without a broker the retries follow each other at once; a worker waits these seconds.
    settings.EMAIL_SEND_ATTEMPTS = 5
    settings.EMAIL_RETRY_BACKOFF = 30
    settings.EMAIL_RETRY_BACKOFF_MAX = 100
    with (
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.approve(submitted, by=moderator, comment="Decided.")
    waits = [
        float(r.getMessage().rsplit(" ", 2)[-2])
        for r in caplog.records
        if "retrying" in r.getMessage()
    ]
    assert waits == [30, 60, 100, 100]
    assert FailedEmail.objects.get().attempts == 5


def test_a_failed_email_keeps_its_message_and_staff_can_queue_it_again(
    client,
    admin_user,
    submitted,
    moderator,
    smtp_down,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(submitted, by=moderator, comment="Well documented.")
    failed = FailedEmail.objects.get()
    assert "Well documented." in failed.body
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:moderation_failedemail_changelist"),
        {"action": "queue_again", "_selected_action": [failed.pk]},
    )
    assert response.status_code == 302
    assert not FailedEmail.objects.exists()
    [sent] = mailoutbox
    assert sent.to == [submitted.created_by.email]
    assert "Well documented." in sent.body
