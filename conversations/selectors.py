"""Reads for the conversation pages: lists and one thread, each in a fixed number of queries.

Who wrote a message is shown by side, not by account: the asker sees "<State>", the State sees
"The reader" (a username may be an email address: invited accounts are named by theirs).
"""

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from moderation.models import AuditRecord
from states.roles import is_moderator

from .models import Conversation, Message
from .workflow import is_state_side


def _listed(queryset):
    return queryset.select_related("state", "practice").annotate(message_count=Count("messages"))


def asked_by(user):
    return _listed(Conversation.objects.filter(asker=user))


def for_state_members(user):
    return _listed(Conversation.objects.for_state_members(user))


def moderation_queue():
    return {
        "held": _listed(Conversation.objects.held()).order_by("created_at"),
        "reported": Message.objects.filter(reported_at__isnull=False)
        .select_related("conversation", "author")
        .order_by("-reported_at"),
    }


def author_label(message, conversation, viewer):
    if message.author_id == viewer.pk:
        return _("You")
    if message.author_id == conversation.asker_id:
        return _("The reader")
    # The State's side: its name for the asker; the name of the colleague for the State.
    state_name = conversation.state.display_name
    if viewer.pk == conversation.asker_id:
        return state_name
    return f"{state_name} ({message.author.get_username()})"


def thread_context(conversation, user):
    state_side = is_state_side(user, conversation)
    moderator = is_moderator(user)
    thread = list(conversation.messages.select_related("author"))
    for message in thread:
        message.label = author_label(message, conversation, user)
    Status = Conversation.Status
    return {
        "conversation": conversation,
        "thread": thread,
        "is_asker": user.pk == conversation.asker_id,
        "state_side": state_side,
        "is_moderator": moderator,
        "can_reply": conversation.status in (Status.OPEN, Status.ANSWERED),
        "asker_email": conversation.asker.email
        if (state_side and conversation.share_email)
        else "",
        "history": AuditRecord.objects.for_object(conversation) if moderator else [],
    }


def privacy_facts():
    return {
        "retention_months": settings.CONVERSATION_RETENTION_MONTHS,
        "per_day": settings.CONVERSATIONS_PER_DAY,
        "per_state_per_week": settings.CONVERSATIONS_PER_STATE_PER_WEEK,
    }
