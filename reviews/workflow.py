"""Expert review's actions: invite a reviewer, ask for reviews, review, decline, and the
approval listener that marks a practice peer-reviewed.

Plain keyword-only functions, one transaction each, an audit record on the review request
(``moderation.transitions.note``: the records keep the request's own status). The records are
the request's, not the practice's, so a State's history of its practice never shows who
reviewed it: reviews stay between reviewers and moderators.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.services import invitation_path, invited_account
from core.site import absolute_url
from moderation.models import Action, ModerationStatus
from moderation.notifications import send_after_commit
from moderation.transitions import TransitionError, note
from practices.models import Practice
from states.roles import REVIEWERS_GROUP, is_moderator, is_reviewer

from .criteria import CRITERIA, PEER_REVIEW_MINIMUM
from .models import Review, ReviewerProfile, ReviewRequest

R = ReviewRequest.Status


def invite_reviewer(*, email, by, organisation="", first_name="", last_name=""):
    """Make ``email`` a reviewer (the invitation flow's account and set-password link).

    A reviewer belongs to no State; someone who already has an account just gains the role.
    """
    if not is_moderator(by):
        raise TransitionError(_("Only moderators and administrators can invite."))
    with transaction.atomic():
        user, is_new = invited_account(email=email, first_name=first_name, last_name=last_name)
        group, _created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
        user.groups.add(group)
        profile, _created = ReviewerProfile.objects.get_or_create(
            user=user, defaults={"invited_by": by}
        )
        if organisation:
            profile.organisation = organisation
            profile.save(update_fields=["organisation"])
        send_after_commit(
            subject=_("[GFMD] You are invited to review practices"),
            template="emails/reviewer_invitation.txt",
            context={
                "is_new": is_new,
                "url": absolute_url(invitation_path(user) if is_new else reverse("login")),
                "inviter": by.get_full_name() or by.get_username(),
                "username": user.get_username(),
                "email": email,
            },
            recipients=[email],
        )
    return profile


def request_reviews(practice, *, reviewers, by, due_date=None):
    """Ask each of ``reviewers`` to assess ``practice`` as submitted now; returns the new
    requests (a reviewer already asked about this submission is not asked twice)."""
    if not is_moderator(by):
        raise TransitionError(_("Only a moderator can do this."))
    created = []
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if locked.status != ModerationStatus.SUBMITTED:
            raise TransitionError(_("Reviews can only be asked for a submitted practice."))
        asked = set(
            ReviewRequest.objects.of_submission(locked).values_list("reviewer_id", flat=True)
        )
        for reviewer in reviewers:
            if reviewer.pk in asked:
                continue
            if not is_reviewer(reviewer):
                raise TransitionError(
                    _("%(name)s is not a reviewer.") % {"name": reviewer.get_username()}
                )
            request = ReviewRequest(
                practice=locked,
                reviewer=reviewer,
                requested_by=by,
                submission_at=locked.submitted_at,
                due_date=due_date,
            )
            request.full_clean()
            request.save()
            note(request, Action.REQUEST_REVIEW, by=by)
            created.append(request)
            send_after_commit(
                subject=_("[GFMD] Please review: %(title)s") % {"title": locked.title},
                template="emails/review_request.txt",
                context={
                    "request": request,
                    "title": locked.title,
                    "url": absolute_url(request.get_absolute_url()),
                },
                recipients=[reviewer.email],
            )
    return created


def _lock_open_request(review_request, by):
    """Lock the practice, then the request (the order ``request_reviews`` and the decisions
    take), and refuse unless ``by`` may still answer it."""
    practice = Practice.objects.select_for_update().get(pk=review_request.practice_id)
    locked = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
    locked.practice = practice
    if locked.reviewer_id != by.pk:
        raise TransitionError(_("This review was asked of someone else."))
    if locked.status == R.SUBMITTED:
        raise TransitionError(_("You have already submitted this review."))
    if locked.status == R.DECLINED:
        raise TransitionError(_("You declined this review."))
    if not locked.is_open:
        raise TransitionError(
            _("The moderators have decided on this submission: it can no longer be reviewed.")
        )
    return locked


def submit_review(review_request, *, by, answers):
    """Record ``by``'s review (``answers``: a valid ``ReviewForm``'s cleaned data), once."""
    fields = [name for c in CRITERIA for name in (c.score_field, c.comment_field)]
    with transaction.atomic():
        locked = _lock_open_request(review_request, by)
        review = Review(
            request=locked,
            overall_comment=answers.get("overall_comment", ""),
            **{name: answers[name] for name in fields},
        )
        review.full_clean()
        review.save()
        locked.status = R.SUBMITTED
        locked.save(update_fields=["status"])
        note(locked, Action.SUBMIT_REVIEW, by=by, from_status=R.REQUESTED)
        _tell_moderator(locked, _("[GFMD] Review submitted: %(title)s"))
    review_request.status = locked.status
    return review


def decline(review_request, *, by, comment=""):
    """The reviewer will not review this practice (a conflict of interest, no time)."""
    with transaction.atomic():
        locked = _lock_open_request(review_request, by)
        locked.status = R.DECLINED
        locked.save(update_fields=["status"])
        note(locked, Action.DECLINE_REVIEW, by=by, comment=comment, from_status=R.REQUESTED)
        _tell_moderator(locked, _("[GFMD] Review declined: %(title)s"))
    review_request.status = locked.status
    return locked


def _tell_moderator(review_request, subject):
    moderator = review_request.requested_by
    if moderator is None:
        return
    send_after_commit(
        subject=subject % {"title": review_request.practice.title},
        template="emails/review_answered.txt",
        context={
            "request": review_request,
            "title": review_request.practice.title,
            "url": absolute_url(
                reverse("moderation:review", kwargs={"pk": review_request.practice_id})
            ),
        },
        recipients=[moderator.email],
    )


def submitted_reviews(practice):
    """The submitted reviews of ``practice`` as submitted now, oldest first."""
    return (
        Review.objects.filter(
            request__practice=practice, request__submission_at=practice.submitted_at
        )
        .select_related("request__reviewer")
        .order_by("submitted_at", "pk")
    )


def mark_peer_reviewed(*, submission, live, record):
    """``practices.workflow.APPROVAL_LISTENERS``: inside the approval's transaction, the live
    practice is peer-reviewed (as of the approval) when the approved submission had at least
    ``PEER_REVIEW_MINIMUM`` reviews, and no longer is otherwise: the mark speaks of the text
    now published, so a revision approved without reviews takes it away."""
    reviewed = submitted_reviews(submission).count() >= PEER_REVIEW_MINIMUM
    live.peer_reviewed_at = record.created_at if reviewed else None
    Practice.objects.filter(pk=live.pk).update(peer_reviewed_at=live.peer_reviewed_at)
