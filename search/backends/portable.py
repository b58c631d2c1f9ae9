"""The portable search backend (a database without a backend of its own): the FilterSet's own
queryset, with facet counts by ORM aggregation. Simpler and much slower than PostgreSQL's and
SQLite's, same results: the parity tests use it as their reference."""

from django.db.models import Count, F

from ..schema import DECADES, FACET_PARAMS, FACETS, UNDATED, active_in
from .base import OWN_ITEMS, CountedSequence, Found, SearchBackend, paginate


class PortableSearch(SearchBackend):
    """The FilterSet's queryset, paged, with facet counts from the schema's ORM lookups."""

    def run(self, page_number, page_size, facets, cards=None):
        cards = cards or OWN_ITEMS
        results = cards.prepare(self.filter.qs)
        counts = self.facet_counts() if facets else None
        total = counts.pop("total") if facets else results.count()
        page = paginate(CountedSequence(total, results.__getitem__), page_size, page_number)
        return Found(page=page, count=total, facets=counts, criteria=self.criteria)

    def _ids_without(self, facet):
        """Ids matching every filter but ``facet``'s own, reusing the validated form."""
        dropped = {"ordering", *FACET_PARAMS.get(facet, ())}
        queryset = self.filter.queryset.all()
        for name, value in self.filter.form.cleaned_data.items():
            if name not in dropped:
                queryset = self.filter.filters[name].filter(queryset, value)
        return queryset.order_by().values("pk")

    def facet_counts(self):
        """The total and every facet's counts, each facet's ignoring its own selection."""
        counts = {name: {} for name in FACET_PARAMS}
        counts["total"] = self.filter.qs.order_by().count()
        for facet in FACETS:
            if not facet.lookups:
                continue
            ids = self._ids_without(facet.name)
            for position, lookup in enumerate(facet.lookups):
                rows, key = self._value_counts(lookup, facet.lookups[:position], ids)
                for row in rows:
                    # A text facet counts a field value under the value it stands for.
                    value = facet.group_of(row[key]) if facet.groups else row[key]
                    if value:
                        counts[facet.name][value] = counts[facet.name].get(value, 0) + row["n"]
        in_year_facet = self._model().objects.order_by().filter(pk__in=self._ids_without("year"))
        by_decade = in_year_facet.aggregate(
            **{
                f"d{decade}": Count("pk", filter=active_in(decade, decade + 9))
                for decade in DECADES
            },
            undated=Count("pk", filter=active_in(undated=True)),
        )
        counts["year"] = {
            decade: by_decade[f"d{decade}"] for decade in DECADES if by_decade[f"d{decade}"]
        }
        if by_decade["undated"]:
            counts["year"][UNDATED] = by_decade["undated"]
        return counts

    def _model(self):
        return self.filter.queryset.model

    def _value_counts(self, lookup, earlier, ids):
        """(rows of value and count ``n``, the value's key) of ``lookup`` among ``ids``.

        A many-to-many lookup counts its link table's rows, except those repeating the value
        of an ``earlier`` lookup of the facet (a lead State also listed as a partner counts
        once).
        """
        model = self._model()
        field = model._meta.get_field(lookup.split("__")[0])
        if field.many_to_many:
            through = field.remote_field.through
            owner = field.m2m_field_name()
            value = through._meta.get_field(field.m2m_reverse_field_name()).attname
            rows = through.objects.filter(**{f"{owner}_id__in": ids})
            for other in earlier:
                rows = rows.exclude(**{f"{owner}__{other}_id": F(value)})
            return rows.values(value).annotate(n=Count(f"{owner}_id")), value
        column = _column(model, lookup)
        rows = model.objects.order_by().filter(pk__in=ids).values(column).annotate(n=Count("pk"))
        return rows, column


def _column(model, lookup):
    """The values() path of ``lookup``: a foreign key's own column, a field's name."""
    for part in lookup.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return f"{lookup}_id" if field.many_to_one else lookup
