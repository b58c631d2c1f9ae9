"""Who receives a question: the first rule that finds someone with an address.

The practice's contacts with an email (public or not), else the State's focal points, else the
State's members, else the moderators. Only ids are kept on the conversation; the addresses are
read when mail leaves and shown to nobody.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from states.models import Contact
from states.roles import moderators

from .models import Conversation

Route = Conversation.Route


@dataclass(frozen=True)
class Recipients:
    route: str
    contact_ids: list = field(default_factory=list)
    user_ids: list = field(default_factory=list)


def _ids(queryset):
    return sorted(queryset.values_list("pk", flat=True).distinct())


def find_recipients(*, state, practice=None):
    """The ``Recipients`` of a question to ``state``, about ``practice`` if given."""
    if practice is not None:
        contact_ids = _ids(practice.contacts.exclude(email=""))
        if contact_ids:
            return Recipients(Route.PRACTICE_CONTACTS, contact_ids=contact_ids)
    contact_ids = _ids(Contact.objects.filter(state=state, is_focal_point=True).exclude(email=""))
    if contact_ids:
        return Recipients(Route.FOCAL_POINTS, contact_ids=contact_ids)
    members = (
        get_user_model()
        .objects.filter(state_memberships__state=state, is_active=True)
        .exclude(email="")
    )
    user_ids = _ids(members)
    if user_ids:
        return Recipients(Route.MEMBERS, user_ids=user_ids)
    return Recipients(Route.MODERATORS, user_ids=_ids(moderators().exclude(email="")))


def state_side_addresses(conversation):
    """The addresses the State's side of ``conversation`` is written to (for sending only)."""
    contacts = Contact.objects.filter(pk__in=conversation.recipient_contact_ids).exclude(email="")
    users = (
        get_user_model()
        .objects.filter(pk__in=conversation.recipient_user_ids, is_active=True)
        .exclude(email="")
    )
    return sorted(
        set(contacts.values_list("email", flat=True)) | set(users.values_list("email", flat=True))
    )
