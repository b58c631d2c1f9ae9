"""Every change to a conversation: ask, reply, mark answered, release, block, report.

Keyword-only functions, one transaction each, an audit record (``moderation.AuditRecord``) for
every routing, hold, release, answer, report and block; refusals raise ``TransitionError`` with a
message fit to show. Mail leaves after commit, one email per recipient, so that no recipient
sees another's address; the asker's address reaches the State only when they consented.
"""

from datetime import timedelta

from allauth.account.utils import has_verified_email
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.site import absolute_url
from moderation.models import Action
from moderation.notifications import moderator_emails, send_after_commit
from moderation.transitions import TransitionError, note
from states.roles import acts_for, is_moderator

from .models import BlockedSender, Conversation, Message
from .routing import find_recipients, state_side_addresses

Status = Conversation.Status


def is_blocked(user):
    return BlockedSender.objects.filter(user=user).exists()


def refusal_to_ask(user, *, state, now=None):
    """Why ``user`` may not start a conversation with ``state`` now, as ``(message, HTTP
    status)``: 403 for who they are, 429 for a limit reached; ``None`` when they may."""
    if not user.is_authenticated:
        return _("Sign in to ask a State."), 403
    if is_blocked(user):
        return _("A moderator has blocked your account from sending questions."), 403
    if not has_verified_email(user):
        return _("Confirm your email address before asking a State."), 403
    now = now or timezone.now()
    own = Conversation.objects.filter(asker=user)
    if (
        own.filter(created_at__gte=now - timedelta(days=1)).count()
        >= settings.CONVERSATIONS_PER_DAY
    ):
        return _("You have asked %(count)s questions in the last 24 hours: try again tomorrow.") % {
            "count": settings.CONVERSATIONS_PER_DAY
        }, 429
    weekly = own.filter(state=state, created_at__gte=now - timedelta(days=7)).count()
    if weekly >= settings.CONVERSATIONS_PER_STATE_PER_WEEK:
        return _(
            "You have asked this State %(count)s questions in the last 7 days: try again later."
        ) % {"count": settings.CONVERSATIONS_PER_STATE_PER_WEEK}, 429
    return None


def _is_new_asker(user):
    """No question of theirs has reached a State yet: the first is held for a moderator."""
    return not Conversation.objects.filter(asker=user, routed_at__isnull=False).exists()


def ask(*, asker, state, practice=None, subject, body, share_email=False):
    """Start a conversation; route it, or hold it when it is the asker's first."""
    with transaction.atomic():
        # One asker's requests queue here, so two at once cannot both pass the limits.
        get_user_model().objects.select_for_update().filter(pk=asker.pk).first()
        refusal = refusal_to_ask(asker, state=state)
        if refusal:
            raise TransitionError(refusal[0])
        now = timezone.now()
        conversation = Conversation(
            state=state,
            practice=practice,
            asker=asker,
            subject=subject,
            share_email=share_email,
            last_message_at=now,
            status=Status.HELD if _is_new_asker(asker) else Status.OPEN,
        )
        conversation.full_clean()
        conversation.save()
        message = Message.objects.create(conversation=conversation, author=asker, body=body)
        if conversation.status == Status.HELD:
            note(conversation, Action.HOLD, by=asker, from_status="")
            send_after_commit(
                subject=_("[GFMD] A first question waits for release: %(subject)s")
                % {"subject": subject},
                template="emails/question_held.txt",
                context={
                    "conversation": conversation,
                    "message": message,
                    "url": _url(conversation),
                },
                recipients=moderator_emails(),
            )
        else:
            _route(conversation, message, by=asker)
    return conversation


def _url(conversation):
    return absolute_url(conversation.get_absolute_url())


def _route(conversation, message, *, by):
    recipients = find_recipients(state=conversation.state, practice=conversation.practice)
    conversation.route = recipients.route
    conversation.recipient_contact_ids = recipients.contact_ids
    conversation.recipient_user_ids = recipients.user_ids
    conversation.routed_at = timezone.now()
    conversation.save(
        update_fields=["route", "recipient_contact_ids", "recipient_user_ids", "routed_at"]
    )
    count = len(recipients.contact_ids) + len(recipients.user_ids)
    note(
        conversation,
        Action.ROUTE,
        by=by,
        from_status=conversation.status,
        comment=_("To %(route)s: %(count)s recipient(s).")
        % {"route": conversation.get_route_display(), "count": count},
    )
    _tell_state(conversation, message, first=True)


def _tell_state(conversation, message, *, first):
    subject = (
        _("[GFMD] A question for %(state)s: %(subject)s")
        if first
        else _("[GFMD] New message on the question %(subject)s")
    ) % {"state": conversation.state, "subject": conversation.subject}
    for address in state_side_addresses(conversation):
        send_after_commit(
            subject=subject,
            template="emails/question_to_state.txt",
            context={
                "conversation": conversation,
                "message": message,
                "first": first,
                "asker_email": conversation.asker.email if conversation.share_email else "",
                "url": _url(conversation),
            },
            recipients=[address],
        )


def _tell_asker(conversation, message):
    send_after_commit(
        subject=_("[GFMD] %(state)s answered: %(subject)s")
        % {"state": conversation.state, "subject": conversation.subject},
        template="emails/question_answer.txt",
        context={"conversation": conversation, "message": message, "url": _url(conversation)},
        recipients=[conversation.asker.email],
    )


def is_state_side(user, conversation):
    """Whether ``user`` answers for the State in ``conversation`` (members, moderators)."""
    return user.pk != conversation.asker_id and acts_for(user, conversation.state_id)


def _locked(conversation):
    return Conversation.objects.select_for_update().get(pk=conversation.pk)


def reply(*, conversation, by, body):
    """Add a message; the other side is emailed. The asker's reply reopens an answered one."""
    with transaction.atomic():
        locked = _locked(conversation)
        asker_side = by.pk == locked.asker_id
        if not asker_side and not is_state_side(by, locked):
            raise TransitionError(_("Only the asker and the State can write here."))
        if is_blocked(by):
            raise TransitionError(_("A moderator has blocked your account from sending messages."))
        if locked.status in (Status.HELD, Status.BLOCKED):
            raise TransitionError(
                _("This question waits for a moderator; no message can be added yet.")
                if locked.status == Status.HELD
                else _("This conversation is closed by a moderator.")
            )
        message = Message.objects.create(conversation=locked, author=by, body=body)
        locked.last_message_at = message.created_at
        if asker_side and locked.status == Status.ANSWERED:
            locked.status = Status.OPEN
        locked.save(update_fields=["last_message_at", "status"])
        if asker_side:
            _tell_state(locked, message, first=False)
        else:
            _tell_asker(locked, message)
    conversation.refresh_from_db()
    return message


def mark_answered(*, conversation, by):
    with transaction.atomic():
        locked = _locked(conversation)
        if not is_state_side(by, locked):
            raise TransitionError(_("Only the State's members can mark a question answered."))
        if locked.status != Status.OPEN:
            raise TransitionError(
                _("This cannot be done while the question is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        locked.status = Status.ANSWERED
        locked.save(update_fields=["status"])
        note(locked, Action.ANSWER, by=by, from_status=Status.OPEN)
    conversation.refresh_from_db()


def release(*, conversation, by):
    """A moderator lets a held first question through: it is routed now."""
    if not is_moderator(by):
        raise TransitionError(_("Only a moderator can do this."))
    with transaction.atomic():
        locked = _locked(conversation)
        if locked.status != Status.HELD:
            raise TransitionError(_("This question is not held any more; reload the page."))
        locked.status = Status.OPEN
        locked.save(update_fields=["status"])
        note(locked, Action.RELEASE, by=by, from_status=Status.HELD)
        _route(locked, locked.messages.first(), by=by)
    conversation.refresh_from_db()


def block(*, user, by, conversation):
    """A moderator blocks ``user`` (seen in ``conversation``): their held questions close too."""
    if not is_moderator(by):
        raise TransitionError(_("Only a moderator can do this."))
    if is_moderator(user):
        raise TransitionError(_("A moderator cannot be blocked."))
    with transaction.atomic():
        BlockedSender.objects.get_or_create(user=user, defaults={"blocked_by": by})
        affected = {conversation.pk} | set(
            Conversation.objects.filter(asker=user, status=Status.HELD).values_list("pk", flat=True)
        )
        for locked in Conversation.objects.select_for_update().filter(pk__in=affected):
            from_status = locked.status
            if locked.asker_id == user.pk:
                locked.status = Status.BLOCKED
                locked.save(update_fields=["status"])
            note(
                locked,
                Action.BLOCK,
                by=by,
                from_status=from_status,
                comment=_("Blocked the sender %(name)s.") % {"name": user.get_username()},
            )
    conversation.refresh_from_db()


def report(*, message, by):
    """Anyone in the conversation reports a message; the moderators are told (once)."""
    with transaction.atomic():
        locked = (
            Message.objects.select_for_update().select_related("conversation").get(pk=message.pk)
        )
        conversation = locked.conversation
        if by.pk != conversation.asker_id and not is_state_side(by, conversation):
            raise TransitionError(_("Only the asker and the State can report a message."))
        if locked.author_id == by.pk:
            raise TransitionError(_("You cannot report your own message."))
        if locked.reported_at is not None:
            return locked
        locked.reported_at = timezone.now()
        locked.save(update_fields=["reported_at"])
        note(
            conversation,
            Action.REPORT,
            by=by,
            from_status=conversation.status,
            comment=_("Message %(id)s reported.") % {"id": locked.pk},
        )
        send_after_commit(
            subject=_("[GFMD] A message was reported: %(subject)s")
            % {"subject": conversation.subject},
            template="emails/message_reported.txt",
            context={"conversation": conversation, "message": locked, "url": _url(conversation)},
            recipients=moderator_emails(),
        )
    message.refresh_from_db()
    return locked
