"""Who reaches a conversation: the asker, the State's members (once it is routed), moderators
and admins; a reader, another State's member or a stranger gets 404; anonymous visitors go
to sign in. Each conversation route, each role."""

import pytest
from django.test import Client

from tests import factories
from tests.conversations.factories import ConversationFactory, MessageFactory, ReaderFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "other_state", "asker", "member", "moderator", "admin"]


@pytest.fixture
def world(state, other_state, moderator):
    asker = ReaderFactory()
    conversation = ConversationFactory(state=state, asker=asker)
    message = MessageFactory(conversation=conversation)
    return {
        "conversation": conversation,
        "message": message,
        "users": {
            "reader": ReaderFactory(),
            "other_state": factories.SubmitterFactory(states=[other_state]),
            "asker": asker,
            "member": factories.SubmitterFactory(states=[state]),
            "moderator": moderator,
            "admin": factories.UserFactory(is_staff=True, is_superuser=True),
        },
    }


def _client(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


SEES = {"asker", "member", "moderator", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_the_thread_answers_as_the_role_allows(world, role):
    response = _client(world, role).get(f"/en/questions/{world['conversation'].pk}/")
    expected = 302 if role == "anonymous" else 200 if role in SEES else 404
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["answered", "release"])
def test_conversation_actions_hide_it_from_who_cannot_see_it(world, role, action):
    response = _client(world, role).post(f"/en/questions/{world['conversation'].pk}/{action}/")
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
    elif action == "release" and role not in {"moderator", "admin"}:
        assert response.status_code == 403  # moderators only, before any lookup
    else:
        assert response.status_code == (302 if role in SEES else 404)


@pytest.mark.parametrize("role", ROLES)
def test_reporting_a_message_needs_to_see_it(world, role):
    response = _client(world, role).post(f"/en/questions/messages/{world['message'].pk}/report/")
    expected = 302 if role == "anonymous" or role in SEES else 404
    assert response.status_code == expected
    world["message"].refresh_from_db()
    assert world["message"].reported == (role in SEES and role != "asker")


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_block(world, role):
    response = _client(world, role).post(f"/en/questions/messages/{world['message'].pk}/block/")
    expected = {"anonymous": 302, "moderator": 302, "admin": 302}.get(role, 403)
    assert response.status_code == expected


def test_a_held_question_is_not_shown_to_the_state_yet(world):
    conversation = world["conversation"]
    conversation.routed_at = None
    conversation.status = conversation.Status.HELD
    conversation.save()
    member = _client(world, "member")
    assert member.get(f"/en/questions/{conversation.pk}/").status_code == 404
    assert member.post(f"/en/questions/messages/{world['message'].pk}/report/").status_code == 404


def test_asking_about_an_unpublished_practice_is_404(world, state):
    draft = factories.PracticeFactory(lead_state=state, status="draft")
    assert _client(world, "reader").get(f"/en/practices/{draft.slug}/ask/").status_code == 404
