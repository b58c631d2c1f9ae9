"""Any message can be reported to the moderators; a moderator blocks a sender, who can then
neither ask nor write; both are audited."""

import pytest
from django.core import mail
from django.test import Client

from conversations.models import BlockedSender, Conversation
from moderation.models import Action, AuditRecord
from tests.conversations.factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(seasoned_reader, state, submitter):
    return MessageFactory(conversation__asker=seasoned_reader, conversation__state=state)


def test_a_state_member_reports_a_message_and_the_moderators_are_told(
    message, submitter, moderator, sent
):
    client = Client()
    client.force_login(submitter)
    with sent():
        response = client.post(f"/en/questions/messages/{message.pk}/report/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.reported
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    record = AuditRecord.objects.for_object(message.conversation).get()
    assert (record.action, record.actor) == (Action.REPORT, submitter)
    mod = Client()
    mod.force_login(moderator)
    assert message.conversation.subject in mod.get("/en/moderation/questions/").content.decode()


def test_a_stranger_cannot_report_a_message_they_cannot_see(message, other_submitter):
    client = Client()
    client.force_login(other_submitter)
    assert client.post(f"/en/questions/messages/{message.pk}/report/").status_code == 404


def test_a_blocked_sender_can_neither_ask_nor_write(message, seasoned_reader, moderator, state):
    mod = Client()
    mod.force_login(moderator)
    assert mod.post(f"/en/questions/messages/{message.pk}/block/").status_code == 302
    assert BlockedSender.objects.filter(user=seasoned_reader).exists()
    record = AuditRecord.objects.for_object(message.conversation).get()
    assert record.action == Action.BLOCK
    message.conversation.refresh_from_db()
    assert message.conversation.status == Conversation.Status.BLOCKED

    reader = Client()
    reader.force_login(seasoned_reader)
    assert reader.get(f"/en/states/{state.slug}/ask/").status_code == 403
    response = reader.post(message.conversation.get_absolute_url(), {"body": "Still here"})
    assert response.status_code == 400
    assert message.conversation.messages.count() == 1


def test_only_a_moderator_can_block(message, submitter):
    client = Client()
    client.force_login(submitter)
    assert client.post(f"/en/questions/messages/{message.pk}/block/").status_code == 403
    assert not BlockedSender.objects.exists()
