"""A mail server that cannot be reached loses no decision: it is saved, the failure logged."""

import logging

import pytest
from django.utils import timezone

from moderation.models import AuditRecord
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
