"""Turn the engine's facet counts into what the search page shows: labelled values,
selections, links.

Every link is the current query string with one change, so any state of the page stays a URL
(shareable, back-button safe) and the facets work without JavaScript.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.collation import name_key, sorted_by_name
from search.schema import DECADES, FACETS_BY_NAME, UNDATED
from states.models import Region, state_display_name

from .models import Practice
from .relations import kept_among

# How many values a long facet shows before the rest are folded away.
FOLD_AFTER = 10
# What each selection of the search schema (``search.schema.SELECTIONS``) is called: its
# facet's legend on the page, and its filter's label (the API documentation's description).
LEGENDS = {
    "theme": _("Theme"),
    "pillar": _("Coherence pillar"),
    "gcm": _("GCM objective"),
    "region": _("Region"),
    "state": _("State"),
    "stage": _("Implementation stage"),
    "body": _("Regional or international body"),
    "principle": _("GCM guiding principle"),
    "sdg": _("SDG target"),
    "evaluated": _("Evaluated"),
}
# The "Evaluated" facet's values (``search.schema.EVALUATED``): how, never how well.
EVALUATED_LABELS = {
    "independent": _("Independently evaluated"),
    "monitored": _("Monitored"),
    "not_given": _("Not given"),
}

# The year facet's value for practices whose source gives no year (``search.schema.UNDATED``).
UNDATED_LABEL = _("Years not given")


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool
    nested: bool = False


@dataclass
class Facet:
    name: str
    legend: str
    items: list = field(default_factory=list)
    folded: list = field(default_factory=list)


@dataclass
class _Choice:
    """A State as its facet shows it: its name in the reader's language."""

    pk: int
    slug: str
    label: str

    def __str__(self):
        return self.label


def _kept(table, counts, criteria, name):
    """The objects of a kept table (``practices.relations``) that facet ``name`` counted or the
    reader chose, in their model's order."""
    return kept_among(table, set(counts[name]) | set(criteria.selections[name]))


@dataclass
class ActiveFilter:
    label: str
    remove_query: str


def query_string(params, drop=(), remove=None, **replace):
    """``params`` (a QueryDict) re-encoded without ``page``, with the given changes."""
    data = params.copy()
    for name in ("page", *drop):
        data.pop(name, None)
    if remove:
        name, value = remove
        data.setlist(name, [v for v in data.getlist(name) if v != value])
    for name, value in replace.items():
        data[name] = value
    return data.urlencode()


def build_facets(counts, criteria):
    """The facets of the page, each value with its live count; unselected zeros are hidden."""
    themes = _kept("themes", counts, criteria, "theme")
    pillars = _kept("pillars", counts, criteria, "pillar")
    objectives = _kept("gcm_objectives", counts, criteria, "gcm")
    states = [
        _Choice(state.pk, state.slug, state_display_name(state.iso2, state.name))
        for state in _kept("states", counts, criteria, "state")
    ]
    facets = [
        _facet("theme", themes, counts, criteria, sort=True),
        _facet("pillar", pillars, counts, criteria),
        _facet("gcm", objectives, counts, criteria),
        _region_facet(counts, criteria),
        _facet("state", states, counts, criteria, by_count=True),
    ]
    stage = Facet("stage", LEGENDS["stage"])
    chosen = criteria.selections["stage"]
    for value, label in Practice.Stage.choices:
        count = counts["stage"].get(value, 0)
        if count or value in chosen:
            stage.items.append(FacetItem(value, label, count, value in chosen))
    facets.append(stage)
    principles = _kept("guiding_principles", counts, criteria, "principle")
    facets.append(_facet("principle", principles, counts, criteria))
    # A target's official wording is a paragraph: its number and first words label it.
    targets = [
        _Choice(target.pk, target.slug, f"{target.code} {Truncator(target.display_name).words(8)}")
        for target in _kept("sdg_targets", counts, criteria, "sdg")
    ]
    facets.append(_facet("sdg", targets, counts, criteria))
    evaluated = Facet("evaluated", LEGENDS["evaluated"])
    chosen = criteria.selections["evaluated"]
    for value, label in EVALUATED_LABELS.items():
        count = counts["evaluated"].get(value, 0)
        if count or value in chosen:
            evaluated.items.append(FacetItem(value, str(label), count, value in chosen))
    facets.append(evaluated)
    for facet in facets:
        if len(facet.items) > FOLD_AFTER + 2:
            keep = [item for item in facet.items[FOLD_AFTER:] if item.selected]
            facet.folded = [item for item in facet.items[FOLD_AFTER:] if not item.selected]
            facet.items = facet.items[:FOLD_AFTER] + keep
    return [facet for facet in facets if facet.items]


def _facet(name, objects, counts, criteria, sort=False, by_count=False):
    """Facet ``name``'s items: each object by the value its query parameter names it by."""
    key = FACETS_BY_NAME[name].value_field
    selected = set(criteria.selections[name])
    facet = Facet(name, LEGENDS[name])
    for obj in objects:
        count = counts[name].get(obj.pk, 0)
        if count or obj.pk in selected:
            facet.items.append(
                FacetItem(str(getattr(obj, key)), str(obj), count, obj.pk in selected)
            )
    label_key = name_key()
    if by_count:
        facet.items.sort(key=lambda item: (-item.count, label_key(item.label)))
    elif sort:
        facet.items.sort(key=lambda item: label_key(item.label))
    return facet


def _region_facet(counts, criteria):
    """Regions with their sub-regions nested under them (intermediate regions only if chosen)."""
    facet = Facet("region", LEGENDS["region"])
    selected = set(criteria.selections["region"])
    regions = _kept("regions", counts, criteria, "region")
    top = sorted_by_name(r for r in regions if r.parent_id is None)
    children = {}
    for region in regions:
        if region.parent_id and (region.level == Region.Level.SUBREGION or region.pk in selected):
            children.setdefault(region.parent_id, []).append(region)
    orphans = [r for r in regions if r.parent_id and r.parent_id not in {t.pk for t in top}]

    def item(region, nested):
        return FacetItem(
            region.slug,
            str(region),
            counts["region"].get(region.pk, 0),
            region.pk in selected,
            nested,
        )

    for region in top:
        facet.items.append(item(region, False))
        for child in sorted_by_name(children.get(region.pk, [])):
            facet.items.append(item(child, True))
    for region in sorted_by_name(orphans):
        if region.pk in selected and all(i.value != region.slug for i in facet.items):
            facet.items.append(item(region, True))
    return facet


def decade_links(counts, criteria, params):
    """'1990s (12)' links that set the year range, and 'Years not given (87)', for the year
    facet: each link selects its value alone (``search.schema``'s year rule)."""
    links = []
    for decade in DECADES:
        count = counts["year"].get(decade, 0)
        if not count:
            continue
        selected = (
            criteria.year_from == decade and criteria.year_to == decade + 9 and not criteria.undated
        )
        links.append(
            {
                "label": _("%(decade)ss") % {"decade": decade},
                "count": count,
                "selected": selected,
                "query": query_string(
                    params, drop=["undated"], year_from=decade, year_to=decade + 9
                ),
            }
        )
    undated = counts["year"].get(UNDATED, 0)
    if undated:
        selected = criteria.undated and criteria.year_from is None and criteria.year_to is None
        links.append(
            {
                "label": UNDATED_LABEL,
                "count": undated,
                "selected": selected,
                "query": query_string(params, drop=["year_from", "year_to"], undated="1"),
            }
        )
    return links


def active_filters(facets, criteria, params, bodies=()):
    """Each active selection with a link that removes just it (also used on the no-results page)."""
    active = [
        ActiveFilter(
            _("Body: %(body)s") % {"body": body}, query_string(params, remove=("body", body.slug))
        )
        for body in bodies
    ]
    if criteria.text:
        active.append(
            ActiveFilter(_("Words: %(q)s") % {"q": criteria.text}, query_string(params, drop=["q"]))
        )
    for facet in facets:
        for item in facet.items + facet.folded:
            if item.selected:
                active.append(
                    ActiveFilter(
                        f"{facet.legend}: {item.label}",
                        query_string(params, remove=(facet.name, item.value)),
                    )
                )
    if criteria.undated:
        active.append(ActiveFilter(UNDATED_LABEL, query_string(params, drop=["undated"])))
    if criteria.year_from is not None or criteria.year_to is not None:
        label = _("Years: %(start)s–%(end)s") % {
            "start": criteria.year_from or "…",
            "end": criteria.year_to or "…",
        }
        active.append(ActiveFilter(label, query_string(params, drop=["year_from", "year_to"])))
    return active
