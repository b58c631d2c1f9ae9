"""What a search asks for, read once from a validated ``PracticeFilter``."""

from dataclasses import dataclass, field

from .schema import SELECTIONS


@dataclass
class Criteria:
    """What the search page asks for, read from a validated ``PracticeFilter`` form.

    ``selections``: the chosen values (ids, or stage values) of each of ``schema.SELECTIONS``
    by name, sorted; every name is present (an empty list when nothing is chosen).
    """

    text: str = ""
    selections: dict = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    undated: bool = False
    ordering: str = ""

    def __post_init__(self):
        unknown = set(self.selections) - {selection.name for selection in SELECTIONS}
        if unknown:
            raise ValueError(f"Not a selection of the search schema: {sorted(unknown)}")
        self.selections = {s.name: list(self.selections.get(s.name, ())) for s in SELECTIONS}

    @classmethod
    def from_filter(cls, practice_filter):
        """The criteria of a bound FilterSet (validated here if it was not yet)."""
        # Invalid fields are left out, exactly as django-filter leaves them out of ``.qs``.
        practice_filter.is_valid()
        data = getattr(practice_filter.form, "cleaned_data", {})

        def chosen(name):
            # Iterate, never test the truth of, the cleaned queryset: that would query it.
            value = data.get(name)
            if value is None or (hasattr(value, "query") and value.query.is_empty()):
                return []  # An empty selection is ``queryset.none()``: nothing to fetch.
            return sorted(getattr(item, "pk", item) for item in value)  # objects or values

        text = (data.get("q") or "").strip()
        return cls(
            text=text,
            selections={s.name: chosen(s.params[0]) for s in SELECTIONS},
            year_from=_int_or_none(data.get("year_from")),
            year_to=_int_or_none(data.get("year_to")),
            undated=bool(data.get("undated")),
            ordering=data.get("ordering") or ("relevance" if text else "newest"),
        )

    def selection(self):
        """Everything that decides which practices match (not their order), as a tuple."""
        return (
            self.text,
            *(tuple(self.selections[s.name]) for s in SELECTIONS),
            self.year_from,
            self.year_to,
            self.undated,
        )

    def is_selected(self, name):
        """Whether facet ``name`` has a selection (the year facet: either end of the range, or
        the undated practices)."""
        if name == "year":
            return self.year_from is not None or self.year_to is not None or self.undated
        return bool(self.selections[name])


def _int_or_none(value):
    return None if value is None else int(value)
