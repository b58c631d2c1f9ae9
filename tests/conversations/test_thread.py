"""The thread: the State answers in My State → Questions, marks it answered; the asker sees it
under My questions; each new message is emailed to the other side with a link."""

import pytest
from django.core import mail
from django.test import Client

from conversations.models import Conversation
from tests.conversations.factories import ConversationFactory, MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(seasoned_reader, state, submitter):
    conversation = ConversationFactory(
        asker=seasoned_reader, state=state, subject="About fees", recipient_user_ids=[submitter.pk]
    )
    MessageFactory(conversation=conversation)
    return conversation


def test_a_member_lists_answers_and_marks_answered_and_the_asker_is_emailed(
    conversation, submitter, seasoned_reader, sent
):
    member = Client()
    member.force_login(submitter)
    assert "About fees" in member.get("/en/my-state/questions/").content.decode()
    with sent():
        member.post(conversation.get_absolute_url(), {"body": "Here is our answer."})
    assert [m.to for m in mail.outbox] == [[seasoned_reader.email]]
    assert conversation.get_absolute_url() in mail.outbox[0].body
    member.post(f"/en/questions/{conversation.pk}/answered/")
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.ANSWERED

    asker = Client()
    asker.force_login(seasoned_reader)
    assert "About fees" in asker.get("/en/my-questions/").content.decode()
    page = asker.get(conversation.get_absolute_url()).content.decode()
    assert "Here is our answer." in page
    mail.outbox.clear()
    with sent():
        asker.post(conversation.get_absolute_url(), {"body": "Thank you, one more thing."})
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert [m.to for m in mail.outbox] == [[submitter.email]]


def test_the_asker_cannot_mark_their_own_question_answered(conversation, seasoned_reader):
    asker = Client()
    asker.force_login(seasoned_reader)
    asker.post(f"/en/questions/{conversation.pk}/answered/")
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN


def test_an_empty_reply_is_refused_with_a_message(conversation, seasoned_reader):
    asker = Client()
    asker.force_login(seasoned_reader)
    response = asker.post(conversation.get_absolute_url(), {"body": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_the_state_questions_list_takes_a_fixed_number_of_queries(
    submitter, state, django_assert_num_queries
):
    for _n in range(5):
        MessageFactory(conversation=ConversationFactory(state=state))
    client = Client()
    client.force_login(submitter)
    client.get("/en/my-state/questions/")
    # session, user, memberships (own_state_ids), moderator check (perms: groups and
    # user permissions), the list with its counts.
    with django_assert_num_queries(6):
        response = client.get("/en/my-state/questions/")
    assert response.status_code == 200


def test_my_questions_takes_a_fixed_number_of_queries(seasoned_reader, django_assert_num_queries):
    for _n in range(5):
        MessageFactory(conversation=ConversationFactory(asker=seasoned_reader))
    client = Client()
    client.force_login(seasoned_reader)
    client.get("/en/my-questions/")
    # session, user, the navigation's moderator check (user and group permissions), the list
    # with its counts.
    with django_assert_num_queries(5):
        response = client.get("/en/my-questions/")
    assert response.content.decode().count("/en/questions/") == 6
