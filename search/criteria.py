"""What a search asks for, read once from a validated ``PracticeFilter``."""

from dataclasses import dataclass, field, fields

from .schema import FACETS

# The criteria that are a list of chosen values (ids, or stage values): every facet but the
# year range, and the body filter.
SELECTIONS = (*(facet.name for facet in FACETS if facet.name != "year"), "body")


@dataclass
class Criteria:
    """What the search page asks for, read from a validated ``PracticeFilter`` form."""

    text: str = ""
    theme: list = field(default_factory=list)
    pillar: list = field(default_factory=list)
    gcm: list = field(default_factory=list)
    region: list = field(default_factory=list)
    state: list = field(default_factory=list)
    body: list = field(default_factory=list)
    stage: list = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    ordering: str = ""

    @classmethod
    def from_filter(cls, practice_filter):
        """The criteria of a bound FilterSet (validated here if it was not yet)."""
        # Invalid fields are left out, exactly as django-filter leaves them out of ``.qs``.
        practice_filter.is_valid()
        data = getattr(practice_filter.form, "cleaned_data", {})

        def selection(name):
            # Iterate, never test the truth of, the cleaned queryset: that would query it.
            value = data.get(name)
            if value is None or (hasattr(value, "query") and value.query.is_empty()):
                return []  # An empty selection is ``queryset.none()``: nothing to fetch.
            return sorted(getattr(item, "pk", item) for item in value)  # objects or values

        text = (data.get("q") or "").strip()
        return cls(
            text=text,
            **{name: selection(name) for name in SELECTIONS},
            year_from=_int_or_none(data.get("year_from")),
            year_to=_int_or_none(data.get("year_to")),
            ordering=data.get("ordering") or ("relevance" if text else "newest"),
        )

    def selection(self):
        """Everything that decides which practices match (not their order), as a tuple."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "ordering")

    def is_selected(self, name):
        """Whether facet ``name`` has a selection (the year facet: either end of the range)."""
        if name == "year":
            return self.year_from is not None or self.year_to is not None
        return bool(getattr(self, name))


def _int_or_none(value):
    return None if value is None else int(value)
