"""Every change of a practice's status, and every save of its text, goes through here.

Plain functions with keyword arguments, one transaction each; views, admin and API call them.
The status rules and the audit trail live in ``moderation.transitions``; this module adds what
is particular to practices: timestamps, the version check that refuses stale saves, revisions
of published practices (the live page stays unchanged until a moderator approves the
revision), search indexing and notifications.
"""

import hashlib
import json
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.cache import public_content_changed
from moderation import notifications
from moderation.models import Action
from moderation.transitions import TransitionError, note, transition
from states.roles import acts_for, is_moderator

from .copies import copy_documents, move_documents
from .fields import CONTENT_FIELDS, EDITORIAL_FIELDS, M2M_FIELDS, VERSIONED_RELATIONS
from .indexing import update_search_index
from .models import Attachment, Indicator, Practice, PracticeVersion
from .translations import TEXT_FIELDS, mark_outdated
from .versions import same_content, snapshot

S = Practice.Status

# Called with the practices of each publication or archiving (``refresh_public_reads`` given
# practices): higher apps append to it when they start (alerts queues its digests).
PUBLISH_LISTENERS = []

# Called as ``listener(submission=, live=, record=)`` inside each approval's transaction, once
# the live practice has its text: higher apps append to it (reviews marks it peer-reviewed).
APPROVAL_LISTENERS = []

EDITABLE_STATUSES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
PENDING_STATUSES = frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED})


class StaleEdit(TransitionError):
    """A save based on an older version; ``current`` is the newer practice, left intact."""

    def __init__(self, message, current):
        super().__init__(message)
        self.current = current


class StaleReview(TransitionError):
    """A decision on a practice whose content changed since the moderator opened it."""


def content_fingerprint(practice):
    """A digest of everything a moderator reviews: the text, the links and the attachments.

    ``version`` rises on every save of the text but not when an attachment is added or
    removed, so a decision carries this digest instead (see ``check_reviewed``).
    """
    values = {
        name: str(getattr(practice, Practice._meta.get_field(name).attname))
        for name in CONTENT_FIELDS
    }
    for name in M2M_FIELDS:
        values[name] = sorted(getattr(practice, name).values_list("pk", flat=True))
    values["attachments"] = sorted(
        [a.pk, a.file.name, a.title, a.is_evaluation]
        for a in Attachment.objects.filter(practice=practice)
    )
    values["indicators"] = [
        [*(getattr(i, name) for name in Indicator.COPIED), i.source_attachment_id]
        for i in Indicator.objects.filter(practice=practice)
    ]
    encoded = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def check_reviewed(practice, reviewed_version):
    """Lock ``practice`` and refuse with ``StaleReview`` when its content is no longer the
    one the moderator reviewed (``reviewed_version`` from ``content_fingerprint``; None for
    callers that show no content, such as data loaders). Call inside the decision's atomic
    block so nobody can change the practice between the check and the decision."""
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    if reviewed_version is not None and content_fingerprint(locked) != reviewed_version:
        raise StaleReview(
            _(
                "This practice changed after you opened it (now version %(version)s). Your "
                "decision was not recorded: review the changes below and decide again."
            )
            % {"version": locked.version}
        )


def is_editable(practice):
    """Whether the text of ``practice`` may be changed now (published ones need a revision)."""
    return practice.status in EDITABLE_STATUSES


def may_edit(user, practice):
    """Moderators, and users of the State that leads the practice."""
    return acts_for(user, practice.owner_state_id)


def status_url(practice):
    return reverse("workflow:practice_status", kwargs={"pk": practice.pk})


def review_url(practice):
    return reverse("moderation:review", kwargs={"pk": practice.pk})


def unique_slug(title):
    """A slug for a new practice, made unique with a counter (revisions use a random tail)."""
    base = slugify(title)[:100] or "practice"
    slug, counter = base, 2
    while Practice.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def save_draft(form, *, by, expected_version=None, indicators=None):
    """Save a valid ``PracticeForm``: create a draft, or update an editable practice.

    An update is refused with ``StaleEdit`` when someone saved since ``expected_version`` was
    read, so the newer text is never overwritten; the version rises by one on every save.
    Only the form's fields are written: status and owner cannot ride along with an edit.
    ``indicators``: a valid ``IndicatorFormSet`` of the same practice, saved with it.
    """
    practice = form.save(commit=False)
    with transaction.atomic():
        if practice.pk is None:
            if not may_edit(by, practice):
                raise TransitionError(_("You can only write practices for your own States."))
            practice.created_by = by
            practice.origin = Practice.Origin.SUBMISSION
            practice.slug = unique_slug(practice.title)
            practice.save()
            form.save_m2m()
            _save_indicators(indicators, practice)
            return practice
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if locked.version != expected_version:
            raise StaleEdit(
                _(
                    "Someone else saved this practice (version %(version)s, %(when)s) after "
                    "you opened it. Your changes were not saved; the newer version is intact."
                )
                % {
                    "version": locked.version,
                    "when": timezone.localtime(locked.updated_at).strftime("%Y-%m-%d %H:%M"),
                },
                current=locked,
            )
        if not is_editable(locked):
            raise TransitionError(
                _("This practice cannot be edited while it is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if not (may_edit(by, locked) and may_edit(by, practice)):
            raise TransitionError(_("You can only write practices for your own States."))
        practice.version = locked.version + 1
        practice.save(update_fields=[*CONTENT_FIELDS, "version", "updated_at"])
        form.save_m2m()
        _save_indicators(indicators, practice)
    return practice


def _save_indicators(indicators, practice):
    if indicators is not None:
        indicators.instance = practice
        indicators.save()


def submit(practice, *, by):
    """Send a draft (or a practice sent back for changes) to the moderators."""

    def stamp(locked, rule):
        locked.submitted_at = timezone.now()

    record = transition(practice, Action.SUBMIT, by=by, prepare=stamp)
    notifications.notify_submitted(practice, record=record, url=review_url(practice))
    return record


def withdraw(practice, *, by):
    """Take a practice back from review to draft, to keep editing it."""
    return transition(practice, Action.WITHDRAW, by=by)


def _remember(reviewed_content):
    """A ``transition`` ``prepare`` step keeping what the moderator was shown (see
    ``Practice.last_reviewed``), so the next submission is reviewed as a diff against it."""

    def keep(locked, rule):
        if reviewed_content is not None:
            locked.last_reviewed = reviewed_content

    return keep


def approve(practice, *, by, comment="", reviewed_version=None, reviewed_content=None):
    """Publish ``practice``; for a revision, copy it onto the live practice.

    The live practice keeps its address and stays published throughout; its text changes in
    the same transaction that approves the revision, and its version rises by one.
    ``reviewed_version`` (every decision takes it) is the ``content_fingerprint`` the
    moderator saw: a decision on content changed since is refused with ``StaleReview``.
    """

    def stamp(locked, rule):
        locked.published_at = locked.published_at or timezone.now()
        _remember(reviewed_content)(locked, rule)

    with transaction.atomic():
        if practice.revision_of_id is None:
            check_reviewed(practice, reviewed_version)
            record = transition(practice, Action.APPROVE, by=by, comment=comment, prepare=stamp)
            live = practice
        else:
            # Lock the live row first (as start_revision does) so the order never deadlocks.
            live = Practice.objects.select_for_update().get(pk=practice.revision_of_id)
            check_reviewed(practice, reviewed_version)
            if live.status != S.PUBLISHED:
                raise TransitionError(
                    _("The live practice is no longer published; this revision cannot be approved.")
                )
            record = transition(practice, Action.APPROVE, by=by, comment=comment, prepare=stamp)
            _copy_revision_onto(practice, live)
        for listener in APPROVAL_LISTENERS:
            listener(submission=practice, live=live, record=record)
        record_published_version(live, at=record.created_at)
        refresh_public_reads([live])
    notifications.notify_decision(practice, record=record, url=status_url(practice))
    return record


def request_changes(practice, *, by, comment, reviewed_version=None, reviewed_content=None):
    """Send a submission back to its State; the comment says what to change.

    ``reviewed_content`` (a ``diff.content_snapshot``: what the moderator read) is kept, and
    the resubmission's review page shows what changed since.
    """
    return _decide(
        practice,
        Action.REQUEST_CHANGES,
        by=by,
        comment=comment,
        reviewed=reviewed_version,
        content=reviewed_content,
    )


def reject(practice, *, by, comment, reviewed_version=None, reviewed_content=None):
    """Refuse a submission for good; the comment gives the reason."""
    return _decide(
        practice,
        Action.REJECT,
        by=by,
        comment=comment,
        reviewed=reviewed_version,
        content=reviewed_content,
    )


def archive(practice, *, by, comment, reviewed_version=None, reviewed_content=None):
    """Take a published practice off the public site; the comment gives the reason."""
    with transaction.atomic():
        record = _decide(
            practice,
            Action.ARCHIVE,
            by=by,
            comment=comment,
            reviewed=reviewed_version,
            content=reviewed_content,
        )
        refresh_public_reads([practice])
    return record


def record_published_version(practice, *, at=None):
    """Keep what ``practice`` (published) now shows as its next numbered version, unless the
    latest one already holds exactly that; returns the latest version.

    ``approve`` calls it in the publishing transaction; so do the admin's edits of a published
    practice and the data loaders, so that a corrected text gets its own permanent address.
    ``at`` is when it was published (now by default; a loaded v1 takes ``published_at``).
    A new version whose text differs marks the practice's published translations as possibly
    out of date (``translations.mark_outdated``).
    """
    content = snapshot(practice, [*CONTENT_FIELDS, *EDITORIAL_FIELDS], VERSIONED_RELATIONS)
    with transaction.atomic():
        # Two editors publishing at once must not both take the same next number.
        Practice.objects.select_for_update().get(pk=practice.pk)
        latest = practice.versions.order_by("-number").first()
        if latest is not None and same_content(latest.content, content):
            return latest
        at = at or timezone.now()
        if latest is not None and _translated_text_changed(latest.content, content):
            mark_outdated(practice, at=at)
        return PracticeVersion.objects.create(
            practice=practice,
            number=latest.number + 1 if latest else 1,
            published_at=at,
            content=content,
        )


def _translated_text_changed(before, after):
    """Whether a new version changes a field the translations carry (a new theme does not
    make a translation out of date)."""
    old, new = before.get("fields", {}), after["fields"]
    return any((old.get(name) or "") != (new[name] or "") for name in TEXT_FIELDS)


def refresh_public_reads(practices=None, *, progress=None, top_results=True):
    """The publish hook: what the public reads follows a change of ``practices`` (objects or
    ids; every published practice when None). The search index is rewritten now, and every
    cached public read made stale (now and once committed: ``public_content_changed``).

    The workflow calls it after approving or archiving; so do the admin's edits and the data
    loaders (``progress`` and ``top_results`` as for ``update_search_index``: a bulk load
    rebuilds the top results itself). Deletions are announced by their ``post_delete``
    receiver. Returns the number of practices indexed.
    """
    indexed = update_search_index(practices, progress=progress, top_results=top_results)
    public_content_changed()
    if practices is not None:
        for listener in PUBLISH_LISTENERS:
            listener(practices)
    return indexed


def _decide(practice, action, *, by, comment, reviewed, content=None):
    with transaction.atomic():
        check_reviewed(practice, reviewed)
        record = transition(practice, action, by=by, comment=comment, prepare=_remember(content))
    notifications.notify_decision(practice, record=record, url=status_url(practice))
    return record


DECISIONS = {
    Action.APPROVE: approve,
    Action.REQUEST_CHANGES: request_changes,
    Action.REJECT: reject,
    Action.ARCHIVE: archive,
}


def decide(practice, action, *, by, comment="", reviewed_version=None, reviewed_content=None):
    """Apply a moderator's decision named by ``action`` (for the review page's buttons)."""
    try:
        decision = DECISIONS[Action(action)]
    except (KeyError, ValueError):
        raise TransitionError(_("Unknown decision.")) from None
    return decision(
        practice,
        by=by,
        comment=comment,
        reviewed_version=reviewed_version,
        reviewed_content=reviewed_content,
    )


def assign(practice, *, by):
    """Take ``practice`` in the moderation queue: it shows as assigned to ``by``, audited.

    Assigning is no status change; the audit record's from and to statuses are equal.
    """
    if not is_moderator(by):
        raise TransitionError(_("Only a moderator can do this."))
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        locked.assigned_to = by
        locked.save(update_fields=["assigned_to"])
        record = note(locked, Action.ASSIGN, by=by)
    practice.assigned_to = by
    return record


def start_revision(practice, *, by):
    """Open a revision (a draft copy) of a published practice, or return the pending one.

    The published practice is not touched: readers keep seeing it until the revision is
    approved. At most one revision is pending at a time, so two editors meet in one draft
    (where the version check protects them) rather than in two competing copies.
    """
    with transaction.atomic():
        live = Practice.objects.select_for_update().get(pk=practice.pk)
        if live.status != S.PUBLISHED or live.revision_of_id is not None:
            raise TransitionError(_("Only a published practice can be revised."))
        if not may_edit(by, live):
            raise TransitionError(_("Only users of the owning State can do this."))
        pending = live.revisions.filter(status__in=PENDING_STATUSES).order_by("pk").first()
        if pending is not None:
            return pending
        revision = Practice(
            **{field: getattr(live, field) for field in CONTENT_FIELDS},
            slug=f"{live.slug[:100]}-rev-{uuid.uuid4().hex[:8]}",
            origin=live.origin,
            revision_of=live,
            created_by=by,
        )
        revision.full_clean(validate_constraints=False)
        revision.save()
        for field in M2M_FIELDS:
            getattr(revision, field).set(getattr(live, field).all())
        copy_documents(live, revision)
    return revision


def _copy_revision_onto(revision, live):
    for field in CONTENT_FIELDS:
        setattr(live, field, getattr(revision, field))
    live.version += 1
    live.full_clean(validate_unique=False, validate_constraints=False)
    live.save()
    for field in M2M_FIELDS:
        getattr(live, field).set(getattr(revision, field).all())
    # The revision's attachments and indicators replace the live ones; files no longer used
    # leave the disk once the approval is committed.
    storage = Attachment._meta.get_field("file").storage
    for name in move_documents(revision, live):
        transaction.on_commit(lambda name=name: storage.delete(name))
