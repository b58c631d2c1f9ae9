"""Account pages beyond Django's own sign-in and password views (see ``accounts.urls``)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.net import client_ip
from moderation.decorators import moderator_required
from moderation.transitions import TransitionError

from . import services
from .forms import InvitationForm, JoinRequestForm, LimitedPasswordResetForm, SignInForm
from .models import JoinRequest


class SignInView(auth_views.LoginView):
    """Django's sign-in page; a field it refuses (too long, missing) makes the answer a 400.

    Wrong credentials are no malformed request: that page is shown again as Django does.
    """

    authentication_form = SignInForm

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "unverified"):
            # The right password of a reader who never confirmed: a new link (allauth limits
            # how often), so that an expired one is no dead end.
            services.resend_confirmation(self.request, form.user_cache)
        response = super().form_invalid(form)
        if any(name != NON_FIELD_ERRORS for name in form.errors):
            response.status_code = 400
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, with the sending limits of ``LimitedPasswordResetForm``."""

    form_class = LimitedPasswordResetForm


@moderator_required
def invite(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.invite(
            email=data["email"],
            state=data["state"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            by=request.user,
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
        return redirect("accounts:invite")
    return render(
        request, "accounts/invite.html", {"form": form}, status=400 if form.is_bound else 200
    )


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """The invitation link: the invited person chooses a password (same rules as any)."""

    template_name = "accounts/accept_invitation.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.accept_invitation(form.user)
        messages.success(self.request, _("Your password is set. You can sign in now."))
        return response


@login_required
def join_state(request):
    """Ask to submit for another State; a moderator decides."""
    form = JoinRequestForm(request.POST or None, user=request.user)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        wait = services.join_request_wait(user=request.user, address=client_ip(request))
        if wait:
            form.add_error(
                None,
                ngettext(
                    "You have sent many requests lately. Try again in %(minutes)s minute.",
                    "You have sent many requests lately. Try again in %(minutes)s minutes.",
                    wait,
                )
                % {"minutes": wait},
            )
            status = 429
        else:
            services.request_to_join(form, by=request.user)
            messages.success(request, _("Request sent. A moderator will decide."))
            return redirect("workflow:dashboard")
    return render(
        request,
        "accounts/join_state.html",
        {"form": form, "requests": request.user.join_requests.select_related("state")},
        status=status,
    )


@moderator_required
def join_requests(request):
    pending = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related(
        "user", "state"
    )
    return render(request, "accounts/join_requests.html", {"pending": pending})


@require_POST
@moderator_required
def decide_join_request(request, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_join_request(join_request, approve=approve, by=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Approved.") if approve else _("Declined."))
    return redirect("accounts:join_requests")


@login_required
def delete_account(request):
    """A confirm page; on POST the account goes, with the questions and messages it wrote."""
    user = request.user
    if user.is_superuser:
        messages.error(
            request, _("An administrator's account is deleted by another administrator.")
        )
        return redirect("home")
    if request.method == "POST":
        services.delete_account(user, request=request)
        messages.success(request, _("Your account and your messages have been deleted."))
        return redirect("home")
    return render(request, "accounts/delete_account.html")
