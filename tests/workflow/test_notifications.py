"""Emails: moderators hear of every submission, submitters of every decision; a failing mail
server never loses the decision."""

import pytest
from django.core import mail

from practices import workflow
from practices.models import Practice
from tests.factories import UserFactory

S = Practice.Status
pytestmark = pytest.mark.django_db


class ExplodingBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_moderators_are_emailed_on_each_submission(
    make_practice, submitter, moderator, admin_user, django_capture_on_commit_callbacks
):
    UserFactory(email="not-a-moderator@example.org")
    practice = make_practice(S.DRAFT, title="Circular migration pilot")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(practice, by=submitter)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([moderator.email, admin_user.email])
    assert "Circular migration pilot" in message.subject
    assert f"/en/moderation/practices/{practice.pk}/" in message.body


@pytest.mark.parametrize(
    ("decision", "status", "comment"),
    [
        ("approve", S.SUBMITTED, "Well documented."),
        ("request_changes", S.SUBMITTED, "Please add the budget figures."),
        ("reject", S.SUBMITTED, "This is not a government practice."),
        ("archive", S.PUBLISHED, "The programme ended in 2012."),
    ],
)
def test_the_submitter_is_emailed_each_decision_with_comment_and_link(
    decision,
    status,
    comment,
    make_practice,
    submitter,
    moderator,
    django_capture_on_commit_callbacks,
):
    practice = make_practice(status, title="Remittance matching fund")
    with django_capture_on_commit_callbacks(execute=True):
        getattr(workflow, decision)(practice, by=moderator, comment=comment)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [submitter.email]
    assert "Remittance matching fund" in message.subject
    assert comment in message.body
    assert f"http://127.0.0.1:8000/en/my-state/practices/{practice.pk}/" in message.body


def test_nothing_is_sent_before_the_decision_is_committed(make_practice, moderator):
    practice = make_practice(S.SUBMITTED)
    workflow.approve(practice, by=moderator)  # the test transaction never commits
    assert mail.outbox == []


def test_a_failing_mail_server_never_loses_the_decision(
    settings, make_practice, moderator, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.ExplodingBackend"
    practice = make_practice(S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(practice, by=moderator, comment="Add sources.")
    practice.refresh_from_db()
    assert practice.status == S.CHANGES_REQUESTED
    assert "could not be sent" in caplog.text


def test_a_failing_mail_server_never_loses_a_submission_made_in_the_browser(
    settings, client, make_practice, submitter, moderator, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.ExplodingBackend"
    practice = make_practice(S.DRAFT)
    client.force_login(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/my-state/practices/{practice.pk}/submit/")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
