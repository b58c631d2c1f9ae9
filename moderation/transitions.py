"""The one place where a moderated object's status changes.

Practices and questionnaire responses share these rules: which action is legal from which
status, who may take it, which actions need a comment, and that every change is written to the
audit trail in the same transaction. App workflow modules (``practices.workflow``, ...) wrap
``transition`` with their own side work (copying a revision onto the live practice, search
indexing, notifications); views and API call those wrappers, never this module's internals.

A moderated model needs a ``status`` field with ``ModerationStatus`` choices and an
``owner_state_id`` attribute naming the State whose users may submit or withdraw it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from states.roles import acts_for, is_moderator

from .models import Action, AuditRecord, ModerationStatus

S = ModerationStatus


@dataclass(frozen=True)
class Rule:
    sources: frozenset
    target: str
    moderator_only: bool
    comment_required: bool = False


RULES = {
    Action.SUBMIT: Rule(frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, False),
    Action.WITHDRAW: Rule(frozenset({S.SUBMITTED, S.CHANGES_REQUESTED}), S.DRAFT, False),
    Action.APPROVE: Rule(frozenset({S.SUBMITTED}), S.PUBLISHED, True),
    Action.REQUEST_CHANGES: Rule(frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, True, True),
    Action.REJECT: Rule(frozenset({S.SUBMITTED}), S.REJECTED, True, True),
    Action.ARCHIVE: Rule(frozenset({S.PUBLISHED}), S.ARCHIVED, True, True),
}


class TransitionError(Exception):
    """An action that is not allowed now; ``message`` is fit to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def allowed_actions(obj, user):
    """The actions ``user`` may take on ``obj`` in its current status (for buttons and API)."""
    return [action for action in RULES if _refusal(obj, action, user, comment="x") is None]


def _refusal(obj, action, user, comment):
    rule = RULES[action]
    if rule.moderator_only and not is_moderator(user):
        return _("Only a moderator can do this.")
    if not rule.moderator_only and not acts_for(user, obj.owner_state_id):
        return _("Only users of the owning State can do this.")
    if obj.status not in rule.sources:
        return _("This cannot be done while the item is “%(status)s”.") % {
            "status": S(obj.status).label
        }
    if rule.comment_required and not (comment or "").strip():
        return _("A comment is required for this decision.")
    if action == Action.APPROVE and settings.FOUR_EYES and submitted_by(obj) == user.pk:
        return four_eyes_refusal()
    return None


def four_eyes_refusal():
    """Four-eyes: whoever submitted a version cannot publish it; a second moderator must. A
    single-moderator install turns the rule off with FOUR_EYES=0 (see the settings)."""
    return _(
        "You submitted this version yourself, so another moderator must approve it "
        "(four-eyes rule). Ask a second moderator to review it, or request changes instead."
    )


def submitted_by(obj):
    """The id of the user who submitted ``obj``'s current version (its latest submission)."""
    last = (
        AuditRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            action=Action.SUBMIT,
        )
        .order_by("-pk")
        .values_list("actor_id", flat=True)
        .first()
    )
    return last


def four_eyes_blocks(obj, user):
    """Whether the four-eyes rule alone keeps ``user`` from approving ``obj`` (for a note)."""
    return (
        settings.FOUR_EYES
        and obj.status in RULES[Action.APPROVE].sources
        and is_moderator(user)
        and submitted_by(obj) == user.pk
    )


def transition(obj, action, *, by, comment="", prepare=None):
    """Apply ``action`` to ``obj`` for user ``by`` and return the new ``AuditRecord``.

    The row is locked (``select_for_update``) and re-read, so of two people deciding at once
    exactly one succeeds; the other gets a ``TransitionError`` naming who decided first.
    ``prepare(locked_obj, rule)`` may set other fields (timestamps) before the validated save.
    On success ``obj`` is refreshed from the database.
    """
    action = Action(action)
    rule = RULES[action]
    model = type(obj)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        if locked.status != obj.status:
            raise TransitionError(_already_decided(locked))
        refusal = _refusal(locked, action, by, comment)
        if refusal:
            raise TransitionError(refusal)
        from_status = locked.status
        locked.status = rule.target
        if prepare is not None:
            prepare(locked, rule)
        locked.full_clean(validate_unique=False, validate_constraints=False)
        locked.save()
        record = note(locked, action, by=by, comment=comment, from_status=from_status)
    obj.refresh_from_db()
    return record


def note(obj, action, *, by, comment="", from_status=None):
    """Write the audit record of ``action`` on ``obj`` (now in its new status), inside the
    transaction that made the change; an action that changes no status (an assignment)
    leaves ``from_status`` out, and one that creates ``obj`` gives ``from_status=""``.
    ``by=None``: the platform's own scheduled work (a call closing at its deadline), recorded
    with no actor and an empty name."""
    return AuditRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        action=action,
        from_status=obj.status if from_status is None else from_status,
        to_status=obj.status,
        comment=(comment or "").strip(),
        actor=by,
        actor_name="" if by is None else by.get_full_name() or by.get_username(),
    )


def _already_decided(locked):
    last = AuditRecord.objects.for_object(locked).last()
    if last is None:
        return _("This item changed in the meantime; reload the page.")
    return _("Already decided by %(name)s (%(action)s); reload the page.") % {
        "name": last.actor_name,
        "action": last.get_action_display(),
    }
