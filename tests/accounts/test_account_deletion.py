"""A reader deletes their account, after a confirm page, with their questions and messages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from conversations.models import Conversation, Message
from moderation.models import AuditRecord
from tests.conversations.factories import ConversationFactory, MessageFactory, ReaderFactory

pytestmark = pytest.mark.django_db


def test_a_reader_who_deletes_their_account_loses_it_and_every_message_they_wrote(submitter, state):
    reader = ReaderFactory()
    conversation = ConversationFactory(asker=reader, state=state)
    MessageFactory(conversation=conversation)
    answered_elsewhere = ConversationFactory(state=state)
    MessageFactory(conversation=answered_elsewhere, author=reader)
    client = Client()
    client.force_login(reader)
    confirm = client.get("/en/accounts/delete/")
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.content.decode()
    assert client.post("/en/accounts/delete/").status_code == 302
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not Message.objects.filter(author_id=reader.pk).exists()
    assert Conversation.objects.filter(pk=answered_elsewhere.pk).exists()
    # Signed out: the next page is an anonymous one.
    assert client.get("/en/my-questions/").status_code == 302


def test_the_audit_trail_keeps_the_name_but_not_the_person(state, moderator):
    from conversations import workflow

    reader = ReaderFactory(username="leaving-reader")
    conversation = workflow.ask(asker=reader, state=state, subject="Hi", body="First")
    Client().force_login(reader)
    reader.delete()
    record = AuditRecord.objects.get(object_id=conversation.pk)
    assert (record.actor, record.actor_name) == (None, "leaving-reader")


def test_a_get_deletes_nothing(client):
    reader = ReaderFactory()
    client.force_login(reader)
    client.get("/en/accounts/delete/")
    assert get_user_model().objects.filter(pk=reader.pk).exists()
