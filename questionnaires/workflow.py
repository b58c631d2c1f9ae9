"""The actions that change questionnaire data: saving answers, moderation, building rounds.

Moderation reuses ``moderation.transitions.transition`` (the same rules, permissions and audit
trail as practices); this module only adds what is particular to responses: timestamps, who
submitted, and that answers change only while a response is a draft of an open round.
Published responses are final: a correction goes through a moderator archiving the response.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import Action, ModerationStatus
from moderation.transitions import TransitionError, transition
from states.roles import acts_for

from .models import Answer, Question, QuestionOption, Response, Round


def save_answers(*, round, state, values, by, version=None):
    """Save a (possibly partial) set of answers for ``state`` and return the response.

    ``values`` maps each ``Question`` of the round to a choice, a list of choices or a text;
    empty values delete the stored answer, so a State can clear what it typed. ``version`` is
    the response version the form was built from: a save based on an older one is refused so
    that two colleagues cannot overwrite each other silently.
    """
    if not acts_for(by, state):
        raise TransitionError(_("Only users of the owning State can do this."))
    with transaction.atomic():
        response, created = Response.objects.select_for_update().get_or_create(
            round=round, state=state, defaults={"origin": Response.Origin.SUBMISSION}
        )
        if not response.is_editable:
            raise TransitionError(_("This response can no longer be changed."))
        if not created and version is not None and version != response.version:
            raise TransitionError(
                _("Someone saved this response in the meantime; reload the page.")
            )
        for question, value in values.items():
            _store_answer(response, question, value)
        if not created:
            response.version += 1
        response.save()
    return response


def _store_answer(response, question, value):
    if value in (None, "", []):
        Answer.objects.filter(response=response, question=question).delete()
        return
    fields = {"choice": "", "choices": [], "text": ""}
    if question.kind == Question.Kind.MULTI_CHOICE:
        fields["choices"] = list(value)
    elif question.kind == Question.Kind.FREE_TEXT:
        fields["text"] = value
    else:
        fields["choice"] = value
    answer = Answer.objects.filter(response=response, question=question).first() or Answer(
        response=response, question=question
    )
    for name, field_value in fields.items():
        setattr(answer, name, field_value)
    answer.full_clean(validate_unique=False, validate_constraints=False)
    answer.save()


def _stamp(by):
    def prepare(locked, rule):
        now = timezone.now()
        if rule.target == ModerationStatus.SUBMITTED:
            locked.submitted_at = now
            locked.submitted_by = by
        elif rule.target == ModerationStatus.PUBLISHED:
            locked.published_at = now

    return prepare


def submit(response, *, by):
    """Send a draft to the moderators; it needs at least one answer and an open round."""
    if not response.round.accepts_answers:
        raise TransitionError(_("This round no longer accepts answers."))
    if not response.answers.exists():
        raise TransitionError(_("Answer at least one question before submitting."))
    return transition(response, Action.SUBMIT, by=by, prepare=_stamp(by))


def withdraw(response, *, by):
    """Take a submitted response back to draft to keep editing it."""
    return transition(response, Action.WITHDRAW, by=by)


def _reviewed(reviewed_version, then=None):
    """A ``prepare`` hook refusing a decision on answers saved since the moderator read them
    (``version`` rises on every save of answers, and answers change nowhere else). It runs
    inside ``transition`` on the locked row, after the permission and status checks."""

    def prepare(locked, rule):
        if reviewed_version is not None and str(locked.version) != str(reviewed_version):
            raise TransitionError(
                _(
                    "The answers changed after you opened this response (now version "
                    "%(version)s). Your decision was not recorded: read them again and decide."
                )
                % {"version": locked.version}
            )
        if then is not None:
            then(locked, rule)

    return prepare


def approve(response, *, by, reviewed_version=None):
    """Publish a submitted response: from now on it counts in public results.

    Every decision takes ``reviewed_version``, the response version the moderator read; a
    decision on answers saved since is refused."""
    prepare = _reviewed(reviewed_version, then=_stamp(by))
    return transition(response, Action.APPROVE, by=by, prepare=prepare)


def request_changes(response, *, by, comment, reviewed_version=None):
    prepare = _reviewed(reviewed_version)
    return transition(response, Action.REQUEST_CHANGES, by=by, comment=comment, prepare=prepare)


def reject(response, *, by, comment, reviewed_version=None):
    prepare = _reviewed(reviewed_version)
    return transition(response, Action.REJECT, by=by, comment=comment, prepare=prepare)


def archive(response, *, by, comment):
    """Withdraw a published response from public results (it stays in the audit trail)."""
    return transition(response, Action.ARCHIVE, by=by, comment=comment)


ACTIONS = {
    Action.SUBMIT: lambda response, by, comment, seen: submit(response, by=by),
    Action.WITHDRAW: lambda response, by, comment, seen: withdraw(response, by=by),
    Action.APPROVE: lambda response, by, comment, seen: approve(
        response, by=by, reviewed_version=seen
    ),
    Action.REQUEST_CHANGES: lambda response, by, comment, seen: request_changes(
        response, by=by, comment=comment, reviewed_version=seen
    ),
    Action.REJECT: lambda response, by, comment, seen: reject(
        response, by=by, comment=comment, reviewed_version=seen
    ),
    Action.ARCHIVE: lambda response, by, comment, seen: archive(response, by=by, comment=comment),
}


def apply_action(response, action, *, by, comment="", reviewed_version=None):
    """Dispatch a named action (from a button or an API call) to its function above;
    ``reviewed_version`` is the response version the buttons were shown with."""
    try:
        handler = ACTIONS[Action(action)]
    except ValueError as error:
        raise TransitionError(_("Unknown action.")) from error
    return handler(response, by, comment, reviewed_version)


def copy_round(source, *, year=None):
    """Create the next round from ``source``: same questions, codes and options, closed.

    The copy is closed so that an editor can adjust questions before opening it; codes are
    kept so the new results line up with the old ones year on year.
    """
    year = year or source.year + 1
    if Round.objects.filter(year=year).exists():
        raise TransitionError(_("A round for %(year)s already exists.") % {"year": year})
    with transaction.atomic():
        copy = Round.objects.create(
            year=year,
            title=source.title.replace(str(source.year), str(year)),
            description="",
            status=Round.Status.CLOSED,
        )
        for question in source.questions.prefetch_related("options"):
            new_question = Question.objects.create(
                round=copy,
                order=question.order,
                code=question.code,
                text=question.text,
                help_text=question.help_text,
                kind=question.kind,
                intends_years=question.intends_years,
            )
            QuestionOption.objects.bulk_create(
                QuestionOption(
                    question=new_question,
                    value=option.value,
                    label=option.label,
                    order=option.order,
                )
                for option in question.options.all()
            )
    return copy
