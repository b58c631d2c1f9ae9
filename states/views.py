"""Public pages for States and regional bodies: published practices and public contacts only."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from practices.models import Practice
from practices.views import _taxonomy_page

from .models import Contact, Region, RegionalBody, State


def state_list(request):
    published = Q(led_practices__status=Practice.Status.PUBLISHED) & Q(
        led_practices__revision_of__isnull=True
    )
    states = State.objects.select_related("region").annotate(
        practice_count=Count("led_practices", filter=published)
    )
    regions = Region.objects.filter(level=Region.Level.REGION).order_by("name")
    by_region = {region: [] for region in regions}
    for state in states:
        by_region[state.region].append(state)
    for members in by_region.values():
        members.sort(key=lambda state: state.display_name)
    return render(request, "states/state_list.html", {"by_region": by_region})


def state_detail(request, slug):
    state = get_object_or_404(
        State.objects.select_related("region", "subregion", "intermediate_region"), slug=slug
    )
    practices = (
        Practice.objects.published()
        .filter(Q(lead_state=state) | Q(partner_states=state))
        .distinct()
        .select_related("pillar")
        .only("title", "slug", "lead_state_id", "pillar")
        .order_by("pillar__number", "title")
    )
    context = {
        "state": state,
        "practices": practices,
        "contacts": Contact.objects.public()
        .filter(state=state)
        .select_related("institution")
        .order_by("-is_focal_point", "name"),
        "bodies": state.bodies.all(),
        "institutions": state.institutions.all(),
        "findings": state.findings.all(),
        "participations": state.participations.all(),
    }
    return render(request, "states/state_detail.html", context)


def body_detail(request, slug):
    body = get_object_or_404(RegionalBody, slug=slug)
    practices = Practice.objects.published().filter(
        pk__in=Practice.objects.filter(Q(lead_body=body) | Q(partner_bodies=body)).values("pk")
    )
    return _taxonomy_page(
        request,
        body,
        practices,
        "states/body_detail.html",
        extra={"body": body, "members": body.members.all()},
    )
