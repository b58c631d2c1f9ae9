"""Public pages of calls for practices: the list (open, then past) and each call's page."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from states.models import Region

from .calls import Call
from .models import Practice, Theme


def call_list(request):
    calls = Call.objects.public().order_by("closes_at", "title")
    return render(
        request,
        "practices/call_list.html",
        {
            "open_calls": [c for c in calls if c.status == Call.Status.OPEN],
            "past_calls": [c for c in calls if c.status == Call.Status.CLOSED][::-1],
        },
    )


def answers(call):
    """The published practices answering ``call``."""
    return Practice.objects.published().filter(in_response_to=call)


def answer_counts(call):
    """A closed call's published answers counted by region (of the lead State) and by theme."""
    published = answers(call)
    regions = (
        Region.objects.filter(states__led_practices__in=published)
        .annotate(count=Count("states__led_practices", distinct=True))
        .order_by("-count", "name")
    )
    themes = (
        Theme.objects.filter(practices__in=published)
        .annotate(count=Count("practices", distinct=True))
        .order_by("-count", "name")
    )
    return {"regions": list(regions), "themes": list(themes)}


def call_detail(request, slug):
    call = get_object_or_404(Call.objects.public(), slug=slug)
    context = {
        "call": call,
        "answers": answers(call).with_list_relations().order_by("-published_at", "title"),
        "accepting": call.accepts_answers(),
        "themes": call.themes.all(),
        "objectives": call.gcm_objectives.all(),
    }
    if call.status == Call.Status.CLOSED:
        context["counts"] = answer_counts(call)
    return render(request, "practices/call_detail.html", context)
