"""Public pages for States and regional bodies."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from practices.models import Practice

from .models import Contact, Region, RegionalBody, State


def state_list(request):
    published = Q(led_practices__status=Practice.Status.PUBLISHED) & Q(
        led_practices__revision_of__isnull=True
    )
    states = State.objects.select_related("region", "subregion").annotate(
        practice_count=Count("led_practices", filter=published)
    )
    regions = Region.objects.filter(level=Region.Level.REGION).order_by("name")
    by_region = {region: [] for region in regions}
    for state in states:
        by_region[state.region].append(state)
    return render(request, "states/state_list.html", {"by_region": by_region})


def state_detail(request, slug):
    state = get_object_or_404(State.objects.select_related("region", "subregion"), slug=slug)
    practices = (
        Practice.objects.published()
        .filter(lead_state=state)
        .select_related("pillar")
        .prefetch_related("themes")
        .order_by("pillar__number", "title")
    )
    context = {
        "state": state,
        "practices": practices,
        "contacts": Contact.objects.public().filter(state=state).select_related("institution"),
        "bodies": state.bodies.all(),
        "institutions": state.institutions.all(),
        "findings": state.findings.all(),
        "participations": state.participations.all(),
    }
    return render(request, "states/state_detail.html", context)


def body_detail(request, slug):
    body = get_object_or_404(RegionalBody, slug=slug)
    practices = (
        Practice.objects.published()
        .filter(Q(lead_body=body) | Q(partner_bodies=body))
        .distinct()
        .with_list_relations()
        .order_by("title")
    )
    return render(
        request,
        "states/body_detail.html",
        {"body": body, "practices": practices, "members": body.members.all()},
    )
