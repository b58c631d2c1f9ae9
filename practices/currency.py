"""Is a published practice still current? The State is asked, and its answer is shown.

``CURRENCY_CHECK_MONTHS`` (12) after a practice's publication or its last confirmation, and
again that long after a question left unanswered, ``ask_about_currency`` (the daily
``practices.ask_about_currency`` task) emails each member of the practice's lead State a
link to the answer page. The question is recorded (``CurrencyRequest``) in the transaction
that queues the emails, so a run repeated or retried asks nothing twice. Practices led by a
body have no State to ask and are left out.

The answer (``answer``) is one of "still running", "completed", "update coming", with an
optional note; it is audited like a moderation decision. "Completed" records what the State
said and changes no content: the implementation stage shown on the practice changes through
a revision, reviewed like any other. Publication counts as a confirmation of what a State
submitted; the paper's practices report what was so in 2008, and their loading confirms
nothing, so until their State answers they say so and invent no date.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.dates import months_before
from core.site import absolute_url
from moderation.models import Action
from moderation.notifications import deliver_many
from moderation.transitions import TransitionError, note
from states.roles import acts_for

from .living import CurrencyConfirmation, CurrencyRequest
from .models import Practice

Answer = CurrencyConfirmation.Status


def cutoff(now=None):
    """Moments at or before this are older than the check period."""
    return months_before(now or timezone.now(), settings.CURRENCY_CHECK_MONTHS)


def _latest(model, field):
    return Subquery(
        model.objects.filter(practice=OuterRef("pk")).order_by(f"-{field}").values(field)[:1]
    )


def due_practices(now=None):
    """Published practices of a State whose publication, last confirmation and last question
    are all older than the check period."""
    limit = cutoff(now)
    return (
        Practice.objects.published()
        .filter(lead_state__isnull=False, published_at__lte=limit)
        .annotate(
            last_confirmed=_latest(CurrencyConfirmation, "answered_at"),
            last_asked=_latest(CurrencyRequest, "asked_at"),
        )
        .filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lte=limit))
        .filter(Q(last_asked__isnull=True) | Q(last_asked__lte=limit))
    )


def _members_by_state(state_ids):
    members = (
        get_user_model()
        .objects.filter(is_active=True, state_memberships__state_id__in=state_ids)
        .exclude(email="")
        .values_list("state_memberships__state_id", "email")
    )
    found = defaultdict(set)
    for state_id, email in members:
        found[state_id].add(email)
    return found


def ask_about_currency(now=None):
    """Ask each State about its practices due for a check; returns the practices asked.

    One email per member and State, to that member alone (no other address in it), listing
    the State's due practices with a link to each one's answer page. Practices of a State
    with no member who has an address are not marked asked: they are asked once it has one.
    """
    now = now or timezone.now()
    limit = cutoff(now)
    with transaction.atomic():
        due = list(due_practices(now).select_for_update(of=("self",)).select_related("lead_state"))
        # Another run may have asked about some while this one waited for the locks.
        asked_meanwhile = set(
            CurrencyRequest.objects.of_practices(due)
            .filter(asked_at__gt=limit)
            .values_list("practice_id", flat=True)
        )
        due = [practice for practice in due if practice.pk not in asked_meanwhile]
        members = _members_by_state({practice.lead_state_id for practice in due})
        by_state = defaultdict(list)
        for practice in due:
            if members.get(practice.lead_state_id):
                by_state[practice.lead_state].append(practice)
        asked = [practice for practices in by_state.values() for practice in practices]
        CurrencyRequest.objects.bulk_create(
            [CurrencyRequest(practice=practice, asked_at=now) for practice in asked]
        )
        messages = []
        with translation.override(settings.LANGUAGE_CODE):
            for state, practices in by_state.items():
                subject = _("[GFMD] Are these practices still current? (%(state)s)") % {
                    "state": state.name
                }
                body = render_to_string(
                    "emails/currency_check.txt",
                    {
                        "state": state,
                        "practices": [(p, absolute_url(answer_path(p))) for p in practices],
                        "months": settings.CURRENCY_CHECK_MONTHS,
                    },
                )
                messages += [(subject, body, [address], None) for address in members[state.pk]]
        transaction.on_commit(lambda: deliver_many(messages))
    return asked


def answer_path(practice):
    return reverse("workflow:currency_answer", kwargs={"pk": practice.pk})


def answer(practice, *, by, status, note_text=""):
    """Record ``by``'s answer about ``practice`` (published, of a State ``by`` acts for).

    The practice's change time (``updated_at``) moves, so that its cached article and API
    representation show the answer at once (their keys hold it) and mirrors fetch it again;
    its ``version`` (the text's) does not: an edit opened meanwhile is not made stale.
    """
    status = Answer(status)
    if practice.lead_state_id is None or not acts_for(by, practice.lead_state_id):
        raise TransitionError(_("Only users of the owning State can do this."))
    now = timezone.now()
    with transaction.atomic():
        locked = Practice.objects.select_for_update().published().get(pk=practice.pk)
        confirmation = CurrencyConfirmation(
            practice=locked,
            status=status,
            note=(note_text or "").strip(),
            answered_by=by,
            answered_at=now,
        )
        confirmation.full_clean()
        confirmation.save()
        comment = status.label if not confirmation.note else f"{status.label}: {confirmation.note}"
        note(locked, Action.CONFIRM_CURRENCY, by=by, comment=comment)
        Practice.objects.filter(pk=locked.pk).update(updated_at=now)
    practice.refresh_from_db(fields=["updated_at"])
    return confirmation


def currency_of(practice):
    """What the practice page says of its currency (``describe``'s dict)."""
    latest = (
        CurrencyConfirmation.objects.filter(practice=practice)
        .latest_first()
        .values_list("status", "answered_at")
        .first()
    )
    return describe(practice, latest)


def currencies(practices):
    """``{pk: describe(...)}`` for many practices, in one query (the API's lists)."""
    latest = {}
    rows = (
        CurrencyConfirmation.objects.filter(practice__in=[p.pk for p in practices])
        .latest_first()
        .values_list("practice_id", "status", "answered_at")
    )
    for pk, status, answered_at in rows:
        latest.setdefault(pk, (status, answered_at))
    return {p.pk: describe(p, latest.get(p.pk)) for p in practices}


def describe(practice, latest):
    """``{"status", "label", "confirmed_at", "source_year"}``: the latest answer, else the
    publication (a State's submission), else nothing but the paper's year."""
    if latest is not None:
        status, answered_at = latest
        return {
            "status": status,
            "label": Answer(status).label,
            "confirmed_at": answered_at,
            "source_year": None,
        }
    if practice.origin == Practice.Origin.PAPER:
        return {
            "status": None,
            "label": "",
            "confirmed_at": None,
            "source_year": practice.source_year,
        }
    return {"status": None, "label": "", "confirmed_at": practice.published_at, "source_year": None}
