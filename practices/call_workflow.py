"""Every change of a call for practices, and every change of its status, goes through here.

Plain functions with keyword arguments, one transaction each; the moderators' pages and the
admin call them. Each status change (and each creation) writes an audit record
(``moderation.transitions.note``) in the transaction that makes it; the platform closing a call
at its deadline (``close_due_calls``) is recorded without an actor. After each save the
``CALL_LISTENERS`` are called with the call: ``alerts`` appends one that queues its
``update_calls`` task (close what is due, announce what has opened) once the save commits.

Rules: a call opens only while its closing time is ahead; closing it now moves its closing
time to now (it has closed, so the public page says when); it goes back to draft only while
nobody was told of it (``announced_at`` empty); a call that has not opened yet is put back to
draft rather than closed.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from moderation.models import Action
from moderation.transitions import TransitionError, note

from .calls import Call

S = Call.Status
ACTIONS = {S.OPEN: Action.CALL_OPEN, S.CLOSED: Action.CALL_CLOSE, S.DRAFT: Action.CALL_DRAFT}

# Called with the call after every save (inside its transaction): higher apps append to it
# when they start (alerts queues the call's notices and closing).
CALL_LISTENERS = []


def refusal(call, status, *, current=None, now=None):
    """Why ``call`` (with the dates it would be saved with) may not move from ``current`` (its
    status, by default) to ``status`` now; ``None`` if it may, or if that is no change.

    Forms show it next to the status field; the workflow asks again under the row lock.
    """
    now = now or timezone.now()
    if status == (current or call.status):
        return None
    if status == S.OPEN and call.closes_at is not None and call.closes_at <= now:
        return _("Its closing time has passed: set a later one to open this call.")
    if status == S.CLOSED and call.opens_at is not None and call.opens_at >= now:
        return _("This call has not opened yet: put it back to draft instead of closing it.")
    if status == S.DRAFT and call.announced_at is not None:
        return _("This call was announced already: close it instead of making it a draft.")
    return None


def unique_slug(title):
    """A slug for a new call, made unique with a counter."""
    base = slugify(title)[:100] or "call"
    slug, counter = base, 2
    while Call.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def save_call(form, *, by, now=None):
    """Save a valid call form (a new call or an existing one) and move the call to the status
    the form chose; returns the call. Raises ``TransitionError`` when the status change is
    refused under the lock (someone changed the call meanwhile): nothing is saved then.

    The form says which status it showed (``form.seen()``): a status left as shown keeps the
    current one; a change asked on a status that changed meanwhile is refused. Only the form's
    own fields are written, so that a notice's send mark set meanwhile by the
    queue (``announced_at``, ``reminded_at``) is never overwritten with what the form read.
    """
    now = now or timezone.now()
    call = form.save(commit=False)  # the typed values, and ``form.save_m2m`` for the relations
    target = form.cleaned_data.get("status", call.status)
    seen = form.seen()
    with transaction.atomic():
        if call.pk is None:
            call.status = S.DRAFT
            if not call.slug:
                call.slug = unique_slug(call.title)
            call.save()
            note(call, Action.CALL_CREATE, by=by, from_status=S.DRAFT)
        else:
            locked = Call.objects.select_for_update().get(pk=call.pk)
            if target == seen:
                target = locked.status  # no status change asked: keep the current one
            elif locked.status != seen:
                raise TransitionError(
                    _(
                        "This call changed in the meantime: it is “%(status)s” now. Nothing was "
                        "saved; check the status and save again."
                    )
                    % {"status": S(locked.status).label}
                )
            call.status = locked.status
            call.announced_at, call.reminded_at = locked.announced_at, locked.reminded_at
            fields = [name for name in form.fields if name in _columns() and name != "status"]
            call.save(update_fields=fields)
        form.save_m2m()
        if target != call.status:
            _move(call, target, by=by, now=now)
        _changed(call)
    return call


def open_call(call, *, by, now=None):
    """Open ``call`` now ("Open now"): a later opening time moves to now (an open call whose
    opening time is still ahead opens at once too)."""
    return _act(call, S.OPEN, by=by, now=now)


def close_call(call, *, by, now=None):
    """Close ``call`` now ("Close now"): answers are no longer accepted."""
    return _act(call, S.CLOSED, by=by, now=now)


def close_due_calls(now=None):
    """Close every open call whose deadline has passed (the beat task); returns the calls
    closed, each with an audit record that has no actor."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(Call.objects.select_for_update().filter(status=S.OPEN, closes_at__lte=now))
        Call.objects.filter(pk__in=[call.pk for call in due]).update(status=S.CLOSED)
        for call in due:
            call.status = S.CLOSED
            note(call, Action.CALL_CLOSE, by=None, from_status=S.OPEN)
    return due


def _act(call, status, *, by, now):
    now = now or timezone.now()
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        scheduled = status == S.OPEN and locked.status == S.OPEN and locked.opens_at > now
        if locked.status == status and not scheduled:
            raise TransitionError(
                _("This call is “%(status)s” already.") % {"status": S(status).label}
            )
        _move(locked, status, by=by, now=now, at_once=True)
        _changed(locked)
    call.refresh_from_db()
    return call


def _move(call, status, *, by, now, at_once=False):
    """Inside the caller's transaction, with ``call``'s row locked: check, change, record.

    ``at_once`` ("Open now"): an opening time still ahead moves to now; a status chosen in the
    form keeps the typed opening time (the call is announced when it comes).
    """
    reason = refusal(call, status, now=now)
    if reason:
        raise TransitionError(reason)
    from_status = call.status
    call.status = status
    update = ["status"]
    if status == S.OPEN and at_once and call.opens_at > now:
        call.opens_at = now
        update.append("opens_at")
    if status == S.CLOSED and call.closes_at > now:
        call.closes_at = now
        update.append("closes_at")
    call.full_clean(validate_unique=False, validate_constraints=False)
    call.save(update_fields=update)
    return note(call, ACTIONS[status], by=by, from_status=from_status)


def _changed(call):
    for listener in CALL_LISTENERS:
        listener(call)


def _columns():
    return {field.name for field in Call._meta.concrete_fields}
