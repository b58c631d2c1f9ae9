"""Every save of a practice translation, and every change of its status, goes through here.

Plain functions with keyword arguments, one transaction each. A translation is moderated like
an edit: its lead State's members (or a moderator) save it as a draft and submit it; a
moderator approves (publishes) or rejects it, with a comment for a rejection. The status rules,
the four-eyes rule and the audit records are ``moderation.transitions``' (the records are the
translation's own: their object is the ``PracticeTranslation``). A rejected translation saved
again goes back to draft (recorded as withdrawn to draft).

A published translation is revised, not edited: saving text for it writes its one open
revision (a second row, ``revision_of`` the published one), which is submitted and decided
like a first translation while readers keep the published text. Approving the revision copies
its text onto the published translation (a new ``published_at``, the outdated mark cleared);
rejecting it leaves the published translation as it was.

Publishing a translation moves its practice's ``updated_at`` (the sync feed reports the practice
as changed, and the cached article and API answers get new keys), rewrites the practice's search
document and makes every cached public read stale.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import Action
from moderation.transitions import TransitionError, note, transition
from states.roles import acts_for, is_moderator

from .models import Practice
from .translations import (
    OPEN_REVISION_STATUSES,
    TEXT_FIELDS,
    PracticeTranslation,
    target_languages,
)
from .workflow import refresh_public_reads

S = PracticeTranslation.Status
EDITABLE_STATUSES = frozenset({S.DRAFT, S.REJECTED})


def is_editable(translation):
    """Whether the translation's text may still change (published ones are revised instead)."""
    return translation.pk is None or translation.status in EDITABLE_STATUSES


def open_revision(translation):
    """The open revision of a published ``translation`` (draft, submitted or rejected), or
    None."""
    return translation.revisions.filter(status__in=OPEN_REVISION_STATUSES).first()


def save_translation(*, practice, language, text, by):
    """Save ``text`` (the six fields) as the draft translation of ``practice`` into
    ``language`` for user ``by``; returns the translation. Refused (``TransitionError``) for a
    user who does not act for the practice's lead State, for a practice that is not published,
    for the practice's own language, and while the translation (or its revision) is submitted.
    For a published translation the text goes into its open revision (created if there is
    none), which is what is returned: the published text stays as it is."""
    if not acts_for(by, practice.lead_state_id):
        raise TransitionError(_("Only users of the owning State can do this."))
    if language not in dict(target_languages(practice)):
        raise TransitionError(_("Choose a language other than the practice's own."))
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if locked.status != Practice.Status.PUBLISHED or locked.revision_of_id is not None:
            raise TransitionError(_("Only a published practice can be translated."))
        translation = (
            PracticeTranslation.objects.select_for_update()
            .filter(practice=practice, language=language, revision_of__isnull=True)
            .first()
        ) or PracticeTranslation(practice=practice, language=language)
        if translation.status == S.PUBLISHED:
            translation = translation.revisions.select_for_update().filter(
                status__in=OPEN_REVISION_STATUSES
            ).first() or PracticeTranslation(
                practice=practice, language=language, revision_of=translation
            )
        if not is_editable(translation):
            raise TransitionError(
                _("This translation is “%(status)s”: it can no longer be changed.")
                % {"status": S(translation.status).label}
            )
        rejected = translation.status == S.REJECTED
        for name in TEXT_FIELDS:
            setattr(translation, name, text.get(name, ""))
        translation.translated_by = by
        translation.by_moderators = is_moderator(by) and practice.lead_state_id not in (
            by.state_memberships.values_list("state_id", flat=True)
        )
        translation.status = S.DRAFT
        translation.full_clean(validate_unique=False, validate_constraints=False)
        translation.save()
        if rejected:
            note(translation, Action.WITHDRAW, by=by, from_status=S.REJECTED)
    return translation


def submit_translation(*, translation, by):
    """Send a draft translation for review; returns the audit record."""

    def stamp(locked, rule):
        locked.submitted_at = timezone.now()

    return transition(translation, Action.SUBMIT, by=by, prepare=stamp)


def approve_translation(*, translation, by, comment=""):
    """Publish a submitted translation, or copy a submitted revision onto the published
    translation it revises; either way the published text is new (``published_at``) and no
    longer marked outdated, and its practice is reported as changed."""

    def stamp(locked, rule):
        locked.published_at = timezone.now()
        locked.outdated_since = None

    with transaction.atomic():
        # Lock in save_translation's order (practice, translation, revision): practice_changed
        # writes the practice row, and the opposite order could deadlock with a save.
        Practice.objects.select_for_update().get(pk=translation.practice_id)
        live = None
        if translation.revision_of_id is not None:
            live = PracticeTranslation.objects.select_for_update().get(
                pk=translation.revision_of_id
            )
            if live.status != S.PUBLISHED:
                raise TransitionError(_("The translation it revises is no longer published."))
        record = transition(translation, Action.APPROVE, by=by, comment=comment, prepare=stamp)
        if live is not None:
            _copy_revision_onto(translation, live)
        practice_changed(translation.practice_id)
    return record


def _copy_revision_onto(revision, live):
    for name in (*TEXT_FIELDS, "translated_by", "by_moderators", "published_at"):
        setattr(live, name, getattr(revision, name))
    live.outdated_since = None
    live.full_clean(validate_unique=False, validate_constraints=False)
    live.save()


def reject_translation(*, translation, by, comment):
    """Refuse a submitted translation, with a comment for its State."""
    return transition(translation, Action.REJECT, by=by, comment=comment)


def practice_changed(practice_id):
    """What readers see of the practice changed: move its ``updated_at`` (the sync feed and
    the keys of its cached article and API answers follow it), then the publish hook (reindex,
    flush the caches)."""
    Practice.objects.filter(pk=practice_id).update(updated_at=timezone.now())
    refresh_public_reads([practice_id])
