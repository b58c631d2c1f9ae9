"""Alert pages: save a search or follow a topic, confirm, unsubscribe (no sign-in), manage."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscriptions
from .forms import FrequencyForm, SubscribeForm
from .links import manage_token, read_manage_token, read_unsubscribe_token
from .matching import describe, read_search, value_names
from .models import NoticePreference, Subscription


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """``/alerts/new/?<the search page's parameters>``: what would be followed, and how."""
    try:
        query, criteria = read_search(request.GET)
    except ValidationError as error:
        return render(request, "alerts/invalid_search.html", {"errors": error.messages}, status=400)
    user = request.user if request.user.is_authenticated else None
    form = SubscribeForm(request.POST or None, needs_email=user is None)
    if request.method == "POST" and form.is_valid():
        subscription = subscriptions.subscribe(
            query=query,
            criteria=criteria,
            frequency=form.cleaned_data["frequency"],
            user=user,
            email=form.cleaned_data.get("email", ""),
        )
        if user:
            messages.success(request, _("Alert saved: %(label)s") % {"label": subscription.label})
            return redirect("alerts:manage_account")
        return render(request, "alerts/check_email.html", {"subscription": subscription})
    label = describe(criteria, value_names([criteria]))
    return render(
        request,
        "alerts/subscribe.html",
        {"form": form, "label": label, "query": query},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Double opt-in: the link in the confirmation email, then a button (link scanners GET)."""
    subscription = get_object_or_404(Subscription.objects.filter(unsubscribed_at=None), token=token)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        messages.success(request, _("Alert confirmed: %(label)s") % {"label": subscription.label})
        return redirect("alerts:manage", token=manage_token(subscription.address))
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """A signed link, no sign-in: GET asks, POST ends the subscription (or the call notices)."""
    value = read_unsubscribe_token(token)
    if not isinstance(value, dict) or not ({"s", "calls"} & set(value)):
        return render(request, "alerts/bad_link.html", status=400)
    if "calls" in value:
        target = None
        label = _("Notices of calls for practices")
    else:
        target = Subscription.objects.filter(pk=value["s"]).first()
        if target is None:
            raise Http404
        label = target.label
    if request.method == "POST":
        if target is None:
            user = get_object_or_404(get_user_model(), pk=value["calls"])
            subscriptions.set_call_notices(user, wanted=False)
        else:
            subscriptions.unsubscribe(target)
        return render(request, "alerts/unsubscribed.html", {"label": label})
    return render(request, "alerts/unsubscribe.html", {"label": label})


def _manage(request, subscriptions_qs, *, token=None):
    if request.method == "POST":
        subscription = get_object_or_404(subscriptions_qs, pk=request.POST.get("subscription"))
        if request.POST.get("action") == "delete":
            subscriptions.unsubscribe(subscription)
            messages.success(request, _("Alert removed."))
        else:
            form = FrequencyForm(request.POST)
            if form.is_valid():
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.save(update_fields=["frequency"])
                messages.success(request, _("Alert updated."))
            else:
                messages.error(request, _("Choose how often."))
        return redirect(request.path)
    preference = None
    if token is None and request.user.state_memberships.exists():
        preference, _created = NoticePreference.objects.get_or_create(user=request.user)
    return render(
        request,
        "alerts/manage.html",
        {
            "subscriptions": subscriptions_qs.order_by("-created_at"),
            "frequencies": Subscription.Frequency.choices,
            "preference": preference,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_account(request):
    """The signed-in reader's alerts, under their account."""
    if request.method == "POST" and "call_notices" in request.POST:
        wanted = request.POST["call_notices"] == "on"
        subscriptions.set_call_notices(request.user, wanted=wanted)
        messages.success(request, _("Preference saved."))
        return redirect(request.path)
    return _manage(request, Subscription.objects.of_user(request.user))


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """An address's alerts, from the signed link of every alert email (no sign-in)."""
    address = read_manage_token(token)
    if not isinstance(address, str):
        return render(request, "alerts/bad_link.html", status=400)
    owned = Subscription.objects.filter(unsubscribed_at=None).filter(
        email__iexact=address, user=None
    ) | Subscription.objects.filter(unsubscribed_at=None, user__email__iexact=address)
    return _manage(request, owned, token=token)
