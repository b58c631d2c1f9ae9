"""The index's declaration (``search.schema``) agrees with the practices it describes."""


from django.db.models.constants import LOOKUP_SEP

from practices.filters import PracticeFilter
from practices.models import Practice
from search.criteria import Criteria
from search.models import SearchDocument
from search.schema import ARRAY_COLUMNS, BODY_LOOKUPS, FACETS, STAGES


def test_the_schema_lists_the_stages_of_practices_in_their_order():
    assert list(STAGES) == [value for value, _label in Practice.Stage.choices]


def test_every_facet_lookup_leads_from_a_practice_to_a_field():
    for lookups in [*(facet.lookups for facet in FACETS), BODY_LOOKUPS]:
        for lookup in lookups:
            model, field = Practice, None
            for part in lookup.split(LOOKUP_SEP):
                field = model._meta.get_field(part)  # FieldDoesNotExist on a wrong lookup
                model = field.related_model or model
            assert field.concrete or field.many_to_many


def test_every_facet_is_a_criterion_selected_by_filterset_parameters():
    criteria = set(Criteria().selections)
    for facet in FACETS:
        assert set(facet.params) <= set(PracticeFilter.base_filters)
        if facet.name != "year":
            assert facet.name in criteria


def test_every_column_the_schema_names_is_an_index_column():
    fields = {field.column for field in SearchDocument._meta.get_fields() if field.concrete}
    # The integer arrays are PostgreSQL-only columns the ORM does not know about.
    for facet in FACETS:
        if facet.column and not facet.array:
            assert facet.column in fields
    assert len(set(ARRAY_COLUMNS)) == len(ARRAY_COLUMNS)
