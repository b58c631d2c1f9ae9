"""What a saved search selects, and which new practices it matches, in bulk.

A search is validated once, when it is saved, through the practices FilterSet (the same
parameters as the search page's URL), and kept as its criteria. Matching many subscriptions
against the newly published practices reads each practice's facet values once (one query per
lookup of the search schema) and the words through the real search (``PracticeFilter``'s
``q``, one query per distinct text): the query count grows with the distinct texts, never with
the number of subscriptions, which are grouped by identical criteria.
"""

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from practices.facets import LEGENDS
from practices.filters import PracticeFilter
from practices.models import Practice
from search.criteria import Criteria
from search.schema import SELECTIONS, SELECTIONS_BY_PARAM, active_in

# What of the search page's URL a saved search keeps: what selects, not how it is shown.
KEPT_PARAMS = ("q", *SELECTIONS_BY_PARAM, "year_from", "year_to")


def read_search(params):
    """``(query, criteria)`` of the search page's parameters (a QueryDict), validated by the
    practices FilterSet; a ``ValidationError`` with the FilterSet's messages otherwise."""
    data = QueryDict(mutable=True)
    for name in KEPT_PARAMS:
        values = [value for value in params.getlist(name) if value.strip()]
        if values:
            data.setlist(name, sorted(values))
    practice_filter = PracticeFilter(data, queryset=Practice.objects.published())
    if not practice_filter.is_valid():
        raise ValidationError(
            [f"{name}: {' '.join(errors)}" for name, errors in practice_filter.errors.items()]
        )
    criteria = Criteria.from_filter(practice_filter)
    stored = {
        "text": criteria.text,
        "selections": {name: values for name, values in criteria.selections.items() if values},
        "year_from": criteria.year_from,
        "year_to": criteria.year_to,
    }
    return data.urlencode(), stored


def criteria_key(criteria):
    """Identical criteria share one key: subscriptions are matched once per key."""
    selections = criteria.get("selections", {})
    return (
        criteria.get("text", ""),
        tuple(sorted((name, tuple(values)) for name, values in selections.items())),
        criteria.get("year_from"),
        criteria.get("year_to"),
    )


def _related_model(selection):
    return PracticeFilter.base_filters[selection.params[0]].extra.get("queryset", None)


def value_names(criteria_list):
    """``{(selection name, value): display name}`` for every value the criteria select: one
    query per selection model, however many criteria."""
    wanted = {}
    for criteria in criteria_list:
        for name, values in criteria.get("selections", {}).items():
            wanted.setdefault(name, set()).update(values)
    names = {}
    for selection in SELECTIONS:
        values = wanted.get(selection.name)
        if not values:
            continue
        queryset = _related_model(selection)
        if queryset is None:  # text values (the stage, "Evaluated"): the filter's choices
            choices = dict(PracticeFilter.base_filters[selection.params[0]].extra["choices"])
            names.update({(selection.name, v): str(choices.get(v, v)) for v in values})
            continue
        for obj in queryset.model.objects.filter(pk__in=values):
            names[(selection.name, obj.pk)] = str(getattr(obj, "display_name", obj))
    return names


def describe(criteria, names):
    """A saved search in words: "Theme: Remittances · Words: diaspora bonds"."""
    parts = []
    for selection in SELECTIONS:
        values = criteria.get("selections", {}).get(selection.name)
        if values:
            labels = ", ".join(names.get((selection.name, v), str(v)) for v in values)
            parts.append(f"{LEGENDS[selection.name]}: {labels}")
    if criteria.get("year_from") or criteria.get("year_to"):
        years = f"{criteria.get('year_from') or '…'}–{criteria.get('year_to') or '…'}"
        parts.append(_("Years active: %(years)s") % {"years": years})
    if criteria.get("text"):
        parts.append(_("Words: %(words)s") % {"words": criteria["text"]})
    return " · ".join(parts) or _("Every new practice")


class NewPractices:
    """The newly published practices, with what matching needs read once: each one's values
    of every selection of the search schema, its years, and the hits of each text searched."""

    def __init__(self, practice_ids):
        self.ids = list(practice_ids)
        self.values = {pk: {s.name: set() for s in SELECTIONS} for pk in self.ids}
        # And turned around: the new practices having each value, by selection.
        self.having = {s.name: {} for s in SELECTIONS}
        rows = Practice.objects.filter(pk__in=self.ids)
        for selection in SELECTIONS:
            for lookup in selection.lookups:
                for pk, value in rows.filter(**{f"{lookup}__isnull": False}).values_list(
                    "pk", lookup
                ):
                    if selection.groups:  # a field value counts under its facet value
                        value = selection.group_of(value)
                    self.values[pk][selection.name].add(value)
                    self.having[selection.name].setdefault(value, set()).add(pk)
        self._rows = rows
        self._texts = {}

    def _active(self, year_from, year_to):
        return set(
            self._rows.filter(active_in(first=year_from, last=year_to)).values_list("pk", flat=True)
        )

    def text_hits(self, text):
        """The new practices the words find, through the search page's own FilterSet."""
        if text not in self._texts:
            found = PracticeFilter(
                {"q": text},
                queryset=Practice.objects.published().filter(pk__in=self.ids),
            ).qs
            self._texts[text] = set(found.values_list("pk", flat=True))
        return self._texts[text]

    def match(self, criteria, names):
        """``{practice id: [reason, ...]}`` of the new practices ``criteria`` select."""
        candidates = set(self.ids)
        if criteria.get("text"):
            candidates &= self.text_hits(criteria["text"])
        if criteria.get("year_from") or criteria.get("year_to"):
            key = ("years", criteria.get("year_from"), criteria.get("year_to"))
            if key not in self._texts:
                self._texts[key] = self._active(criteria.get("year_from"), criteria.get("year_to"))
            candidates &= self._texts[key]
        selections = {name: set(values) for name, values in criteria.get("selections", {}).items()}
        for name, values in selections.items():
            having = self.having[name]
            candidates &= set().union(*(having.get(value, ()) for value in values))
        legends = {name: str(LEGENDS[name]) for name in selections}
        last = [_("words: %(words)s") % {"words": criteria["text"]}] if criteria.get("text") else []
        if not selections and not last:
            last = [_("every new practice")]
        matched = {}
        for pk in candidates:
            reasons = []
            for name, values in selections.items():
                common = self.values[pk][name] & values
                labels = ", ".join(sorted(names.get((name, v), str(v)) for v in common))
                reasons.append(f"{legends[name]} {labels}")
            matched[pk] = reasons + last
        return matched
