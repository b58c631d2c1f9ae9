"""No contact's or member's address reaches the asker: not in a page, an email body or header,
or an error; the asker's reaches the State only with consent."""

import pytest
from django.core import mail
from django.test import Client

from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_addresses(state, practice, submitter):
    """A private practice contact, a private focal point and a member: all with addresses."""
    contact = factories.ContactFactory(
        state=state, is_public=False, email="private.desk@mexico-gov.example"
    )
    factories.ContactFactory(
        state=state, is_public=False, is_focal_point=True, email="focal.point@mexico-gov.example"
    )
    practice.contacts.set([contact])
    submitter.email = "member.person@mexico-gov.example"
    submitter.username = "member.person@mexico-gov.example"  # invited accounts are named so
    submitter.save()
    return ["private.desk@mexico-gov.example", "focal.point@mexico-gov.example", submitter.email]


def _text(message):
    headers = "\n".join(f"{k}: {v}" for k, v in message.message().items())
    return f"{headers}\n{message.subject}\n{message.body}"


def _assert_clean(text, addresses):
    for address in addresses:
        assert address not in text


def test_the_whole_flow_shows_the_asker_no_address_of_the_state_side(
    seasoned_reader, state, practice, submitter, hidden_addresses, sent
):
    asker = Client()
    asker.force_login(seasoned_reader)
    pages = [
        asker.get(practice.get_absolute_url()),
        asker.get(state.get_absolute_url()),
        asker.get(f"/en/practices/{practice.slug}/ask/"),
    ]
    with sent():
        response = asker.post(
            f"/en/practices/{practice.slug}/ask/", {"subject": "Fees", "body": "How much?"}
        )
    assert response.status_code == 302
    conversation = Conversation.objects.get(subject="Fees")
    to_state = list(mail.outbox)
    assert sorted(m.to[0] for m in to_state) == ["private.desk@mexico-gov.example"]
    # The State's side never sees the asker's address without consent.
    for message in to_state:
        assert seasoned_reader.email not in _text(message)
        assert message.from_email == "GFMD platform <noreply@localhost>"
        assert "Reply-To" not in message.message()

    state_member = Client()
    state_member.force_login(submitter)
    thread = state_member.get(conversation.get_absolute_url())
    assert seasoned_reader.email not in thread.content.decode()
    mail.outbox.clear()
    with sent():
        state_member.post(conversation.get_absolute_url(), {"body": "It is free of charge."})
    to_asker = list(mail.outbox)
    assert [m.to for m in to_asker] == [[seasoned_reader.email]]

    pages += [
        asker.get(conversation.get_absolute_url()),
        asker.get("/en/my-questions/"),
        asker.post(conversation.get_absolute_url(), {"body": ""}),  # an error page
        asker.get("/en/questions/999999/"),
        asker.get("/api/v1/practices/"),
        asker.get(f"/api/v1/practices/{practice.slug}/"),
    ]
    assert "It is free of charge." in pages[3].content.decode()
    for page in pages:
        _assert_clean(page.content.decode(), hidden_addresses)
    for message in to_asker:
        _assert_clean(_text(message), hidden_addresses)


def test_with_consent_the_state_sees_the_askers_address(seasoned_reader, state, submitter, sent):
    client = Client()
    client.force_login(seasoned_reader)
    with sent():
        client.post(
            f"/en/states/{state.slug}/ask/",
            {"subject": "Fees", "body": "How much?", "share_email": "on"},
        )
    assert seasoned_reader.email in mail.outbox[0].body
    conversation = Conversation.objects.get(subject="Fees")
    member = Client()
    member.force_login(submitter)
    assert seasoned_reader.email in member.get(conversation.get_absolute_url()).content.decode()


def test_another_states_member_and_a_stranger_get_404(
    seasoned_reader, state, other_submitter, sent
):
    conversation = factories_conversation(seasoned_reader, state)
    for user in (other_submitter, factories.UserFactory()):
        client = Client()
        client.force_login(user)
        assert client.get(conversation.get_absolute_url()).status_code == 404
    assert Client().get(conversation.get_absolute_url()).status_code == 302  # sign in first


def factories_conversation(reader, state):
    from tests.conversations.factories import MessageFactory

    return MessageFactory(conversation__asker=reader, conversation__state=state).conversation
