"""A question goes to the practice's contacts with an email, else the State's focal points,
else its members, else the moderators; only ids are recorded, and an audit record says so."""

import pytest
from django.core import mail

from conversations import workflow
from conversations.models import Conversation
from moderation.models import Action, AuditRecord
from tests import factories

pytestmark = pytest.mark.django_db


def _ask(reader, state, practice=None, sent=None):
    with sent():
        return workflow.ask(
            asker=reader, state=state, practice=practice, subject="Fees", body="How much?"
        )


def test_a_question_about_a_practice_goes_to_its_contacts_with_an_email_public_or_not(
    seasoned_reader, state, practice, sent
):
    public = factories.ContactFactory(state=state, is_public=True)
    private = factories.ContactFactory(state=state, is_public=False)
    no_email = factories.ContactFactory(state=state, email="")
    practice.contacts.set([public, private, no_email])
    factories.ContactFactory(state=state, is_focal_point=True)

    conversation = _ask(seasoned_reader, state, practice, sent)

    assert conversation.route == Conversation.Route.PRACTICE_CONTACTS
    assert conversation.recipient_contact_ids == sorted([public.pk, private.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([public.email, private.email])
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)


def test_without_practice_contacts_the_states_focal_points_get_it(
    seasoned_reader, state, practice, sent
):
    focal = factories.ContactFactory(state=state, is_focal_point=True, is_public=False)
    factories.ContactFactory(state=state, is_focal_point=False)
    conversation = _ask(seasoned_reader, state, practice, sent)
    assert conversation.route == Conversation.Route.FOCAL_POINTS
    assert conversation.recipient_contact_ids == [focal.pk]
    assert [m.to for m in mail.outbox] == [[focal.email]]


def test_without_focal_points_the_states_members_get_it(seasoned_reader, state, submitter, sent):
    conversation = _ask(seasoned_reader, state, sent=sent)
    assert conversation.route == Conversation.Route.MEMBERS
    assert conversation.recipient_user_ids == [submitter.pk]
    assert [m.to for m in mail.outbox] == [[submitter.email]]


def test_a_state_with_nobody_to_write_to_sends_it_to_the_moderators(
    seasoned_reader, state, moderator, sent
):
    conversation = _ask(seasoned_reader, state, sent=sent)
    assert conversation.route == Conversation.Route.MODERATORS
    assert conversation.recipient_user_ids == [moderator.pk]
    assert [m.to for m in mail.outbox] == [[moderator.email]]


def test_routing_is_audited_without_any_address(seasoned_reader, state, submitter, sent):
    conversation = _ask(seasoned_reader, state, sent=sent)
    record = AuditRecord.objects.for_object(conversation).get()
    assert record.action == Action.ROUTE
    assert record.actor == seasoned_reader
    assert "@" not in record.comment
