"""Conversations are deleted CONVERSATION_RETENTION_MONTHS after their last message, by a
function, a management command and a Celery task."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from conversations.models import Conversation, Message
from conversations.retention import delete_expired, months_before
from conversations.tasks import delete_expired_conversations
from tests.conversations.factories import ConversationFactory, MessageFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_months_are_calendar_months_and_the_31st_becomes_the_months_last_day():
    assert months_before(NOW, 24) == datetime(2024, 12, 1, 12, 0, tzinfo=UTC)
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)


def test_a_conversation_older_than_the_retention_goes_with_its_messages(settings):
    settings.CONVERSATION_RETENTION_MONTHS = 24
    old = ConversationFactory(last_message_at=datetime(2024, 11, 30, tzinfo=UTC))
    MessageFactory(conversation=old)
    kept = ConversationFactory(last_message_at=datetime(2024, 12, 2, tzinfo=UTC))
    MessageFactory(conversation=kept)
    assert delete_expired(now=NOW) == 1
    assert list(Conversation.objects.all()) == [kept]
    assert Message.objects.filter(conversation=kept).count() == Message.objects.count() == 1


def test_the_command_and_the_task_delete_the_same_way(settings):
    settings.CONVERSATION_RETENTION_MONTHS = 1
    ConversationFactory(last_message_at=datetime(2000, 1, 1, tzinfo=UTC))
    out = StringIO()
    call_command("delete_expired_conversations", stdout=out)
    assert "Deleted 1 expired conversation(s)." in out.getvalue()
    ConversationFactory(last_message_at=datetime(2000, 1, 1, tzinfo=UTC))
    assert delete_expired_conversations() == 1
    assert not Conversation.objects.exists()
