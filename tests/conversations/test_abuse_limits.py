"""Load and abuse: 5 new conversations a day, 3 a week per State, the honeypot, a new
account's first question held for a moderator, unverified readers refused."""

import pytest
from django.core import mail
from django.test import Client

from conversations import workflow
from conversations.models import Conversation
from moderation.models import Action, AuditRecord
from tests import factories
from tests.conversations.factories import ReaderFactory

pytestmark = pytest.mark.django_db


def _post(client, state, **data):
    return client.post(
        f"/en/states/{state.slug}/ask/", {"subject": "Fees", "body": "How much?", **data}
    )


@pytest.fixture
def signed_in(seasoned_reader):
    client = Client()
    client.force_login(seasoned_reader)
    return client


def test_the_fourth_question_to_one_state_in_a_week_is_refused_keeping_what_was_typed(
    signed_in, state, settings
):
    settings.CONVERSATIONS_PER_STATE_PER_WEEK = 3
    for _n in range(2):  # the seasoned reader's released question is the first
        assert _post(signed_in, state).status_code == 302
    response = signed_in.post(
        f"/en/states/{state.slug}/ask/", {"subject": "Fourth", "body": "Typed text"}
    )
    assert response.status_code == 429
    assert "3 questions in the last 7 days" in response.content.decode()
    assert "Typed text" in response.content.decode()
    assert Conversation.objects.count() == 3


def test_the_sixth_question_of_a_day_is_refused_whatever_the_state(signed_in, settings):
    settings.CONVERSATIONS_PER_DAY = 5
    for _n in range(4):
        assert _post(signed_in, factories.StateFactory()).status_code == 302
    response = _post(signed_in, factories.StateFactory())
    assert response.status_code == 429
    assert Conversation.objects.count() == 5


def test_a_filled_honeypot_is_dropped_without_a_word(signed_in, state, submitter, sent):
    with sent():
        response = _post(signed_in, state, website="http://spam.example")
    assert response.status_code == 302
    assert Conversation.objects.count() == 1  # only the earlier, released one
    assert mail.outbox == []


def test_a_new_accounts_first_question_is_held_until_a_moderator_releases_it(
    reader, state, submitter, moderator, sent
):
    with sent():
        conversation = workflow.ask(asker=reader, state=state, subject="Hi", body="First")
    assert conversation.status == Conversation.Status.HELD
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    member = Client()
    member.force_login(submitter)
    assert member.get(conversation.get_absolute_url()).status_code == 404

    mod = Client()
    mod.force_login(moderator)
    mail.outbox.clear()
    with sent():
        response = mod.post(f"/en/questions/{conversation.pk}/release/")
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert [m.to for m in mail.outbox] == [[submitter.email]]
    assert member.get(conversation.get_absolute_url()).status_code == 200
    actions = list(AuditRecord.objects.for_object(conversation).values_list("action", flat=True))
    assert actions == [Action.HOLD, Action.RELEASE, Action.ROUTE]


def test_an_unconfirmed_reader_cannot_ask(state):
    client = Client()
    client.force_login(ReaderFactory(verified=False))
    assert client.get(f"/en/states/{state.slug}/ask/").status_code == 403
    assert _post(client, state).status_code == 403
    assert Conversation.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_sign_in(state):
    response = Client().get(f"/en/states/{state.slug}/ask/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
