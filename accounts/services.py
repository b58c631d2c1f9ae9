"""Account actions: invite a submitter, ask to join a State, decide on such a request.

Each runs in one transaction; emails leave after commit (``moderation.notifications``), so a
mail failure never undoes an invitation or a decision.
"""

import math

from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core import ratelimit
from core.site import absolute_url
from moderation.notifications import moderator_emails, send_after_commit
from moderation.transitions import TransitionError
from states.models import StateMembership
from states.roles import is_moderator

from .models import Invitation, JoinRequest


def invitation_path(user):
    """The set-password link of an invited account (a password-reset token, single use)."""
    return reverse(
        "accounts:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def invited_account(*, email, first_name="", last_name=""):
    """``(user, is_new)``: the account of ``email``, created without a password if none has
    it (the invitation's set-password link gives it one). Shared by every invitation: State
    submitters here, expert reviewers in ``reviews``."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = user_model(username=email[:150], email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user, True


def invite(*, email, state, by, first_name="", last_name=""):
    """Give ``email`` a membership of ``state``; new people get an account and a link.

    Someone who already has an account just gains the State and is told by email.
    """
    if not is_moderator(by):
        raise TransitionError(_("Only moderators and administrators can invite."))
    with transaction.atomic():
        user, is_new = invited_account(email=email, first_name=first_name, last_name=last_name)
        StateMembership.objects.get_or_create(user=user, state=state)
        invitation = Invitation.objects.create(email=email, user=user, state=state, invited_by=by)
        link = invitation_path(user) if is_new else reverse("login")
        send_after_commit(
            subject=_("[GFMD] You can now submit practices for %(state)s") % {"state": state},
            template="emails/invitation.txt",
            context={
                "invitation": invitation,
                "is_new": is_new,
                "url": absolute_url(link),
                "inviter": by.get_full_name() or by.get_username(),
                "username": user.get_username(),
            },
            recipients=[email],
        )
    return invitation


def accept_invitation(user):
    """The invited person has chosen a password: the invitation counts as email verification.

    They followed a link sent to that address, which is what a confirmation link proves.
    """
    with transaction.atomic():
        user.invitations.filter(accepted_at__isnull=True).update(accepted_at=timezone.now())
        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(
            primary=False
        )
        EmailAddress.objects.update_or_create(
            user=user,
            email__iexact=user.email,
            defaults={"email": user.email, "verified": True, "primary": True},
        )


def resend_confirmation(request, user):
    """Send a new confirmation link to ``user``'s unconfirmed address (allauth's rate limit)."""
    address = EmailAddress.objects.filter(user=user, verified=False).order_by("-primary").first()
    if address is not None:
        send_verification_email_to_address(request, address)


def delete_account(user, *, request=None):
    """Delete ``user`` for good, signing them out first when ``request`` is theirs.

    Their conversations and messages go with the account (their foreign keys cascade); audit
    records keep the name they were written with, and nothing else of the person.
    """
    if request is not None:
        logout(request)
    with transaction.atomic():
        user.delete()


def join_request_wait(*, user, address):
    """Count a join request by ``user`` from ``address``; past ``JOIN_REQUEST_LIMIT`` per
    ``RATE_LIMIT_WINDOW`` for either, the minutes to wait (0: go ahead).

    Each request emails every moderator: one account, or one address, must not flood them.
    """
    limit, window = settings.JOIN_REQUEST_LIMIT, settings.RATE_LIMIT_WINDOW
    waits = [
        ratelimit.retry_after(scope, ident, window=window)
        for scope, ident in (("join-request-user", user.pk), ("join-request-address", address))
        if not ratelimit.allow(scope, ident, limit=limit, window=window)
    ]
    return max(1, math.ceil(max(waits) / 60)) if waits else 0


def request_to_join(form, *, by):
    """Save a valid ``JoinRequestForm`` for ``by`` and tell the moderators."""
    with transaction.atomic():
        join_request = form.save(commit=False)
        join_request.user = by
        join_request.save()
        send_after_commit(
            subject=_("[GFMD] Request to join %(state)s") % {"state": join_request.state},
            template="emails/join_request.txt",
            context={
                "join_request": join_request,
                "url": absolute_url(reverse("accounts:join_requests")),
            },
            recipients=moderator_emails(),
        )
    return join_request


def decide_join_request(join_request, *, approve, by):
    """Approve (membership granted) or decline a pending request; exactly one decision wins."""
    if not is_moderator(by):
        raise TransitionError(_("Only a moderator can do this."))
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise TransitionError(
                _("Already decided by %(name)s.") % {"name": locked.decided_by or "?"}
            )
        locked.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save()
        if approve:
            StateMembership.objects.get_or_create(user=locked.user, state=locked.state)
        send_after_commit(
            subject=_("[GFMD] Your request to join %(state)s") % {"state": locked.state},
            template="emails/join_decision.txt",
            context={"join_request": locked, "url": absolute_url(reverse("workflow:dashboard"))},
            recipients=[locked.user.email],
        )
    return locked
