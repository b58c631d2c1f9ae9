"""Public pages for States and regional bodies: published practices and public contacts only.

They live with the practices, not in ``states``, because what they show is practices: the
``states`` app sits below ``practices`` and imports nothing from it.
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from core.collation import sorted_by_name
from states import maps
from states.models import Contact, Region, RegionalBody, State

from . import selectors
from .managers import published
from .models import Practice
from .views import _taxonomy_page

# Parts of the State page that apps above this one add without being imported from here
# (imports run one way): name -> function(state) -> what the template shows under that name.
# ``questionnaires`` adds the State's published answers in its ``AppConfig.ready``.
state_page_parts = {}


def state_list(request):
    states = list(
        State.objects.select_related("region").annotate(
            practice_count=Count("led_practices", filter=published("led_practices__"))
        )
    )
    regions = sorted_by_name(Region.objects.filter(level=Region.Level.REGION))
    by_region = {region: [] for region in regions}
    for state in states:
        by_region[state.region].append(state)
    for region, members in by_region.items():
        by_region[region] = sorted_by_name(members)
    # The map's figures are the list's: no query of its own when it is not cached.
    counted = [
        maps.StateCount(state.m49_code, state.iso2, state.slug, state.name, state.practice_count)
        for state in states
    ]
    context = {"by_region": by_region, "world_map": selectors.world_map(lambda: counted)}
    return render(request, "states/state_list.html", context)


def state_detail(request, slug):
    state = get_object_or_404(
        State.objects.select_related("region", "subregion", "intermediate_region"), slug=slug
    )
    practices = (
        Practice.objects.published()
        .involving_state(state)
        .select_related("pillar")
        .only("title", "slug", "lead_state_id", "pillar")
        .order_by("pillar__number", "title")
    )
    context = {
        "state": state,
        "locator": maps.locator(state),
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
    context.update({name: compose(state) for name, compose in state_page_parts.items()})
    return render(request, "states/state_detail.html", context)


def body_detail(request, slug):
    body = get_object_or_404(RegionalBody, slug=slug)
    return _taxonomy_page(
        request,
        body,
        Practice.objects.published().involving_body(body),
        "states/body_detail.html",
        extra={"body": body, "members": body.members.all()},
    )
