"""Factories for Ask this State: verified readers and conversations."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from conversations.models import Conversation, Message
from tests.factories import StateFactory, UserFactory


class ReaderFactory(UserFactory):
    """A reader whose email address is confirmed (an allauth ``EmailAddress``)."""

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, verified=extracted is not False, primary=True
            )


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    state = factory.SubFactory(StateFactory)
    asker = factory.SubFactory(ReaderFactory)
    subject = factory.Sequence(lambda n: f"Question {n}")
    last_message_at = factory.LazyFunction(timezone.now)
    routed_at = factory.LazyFunction(timezone.now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.LazyAttribute(lambda message: message.conversation.asker)
    body = "A question about the practice."
