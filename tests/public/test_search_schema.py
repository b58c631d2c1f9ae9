"""The index's declaration (``search.schema``) agrees with the practices it describes."""

import django_filters
import pytest
from django.db.models.constants import LOOKUP_SEP

from practices.filters import PracticeFilter, selection_filter
from practices.indexing import values_of
from practices.models import Practice
from search.criteria import Criteria
from search.models import SearchDocument
from search.schema import ARRAY_COLUMNS, BODY_LOOKUPS, FACETS, SELECTIONS, STAGES, Facet
from tests import factories


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


def test_the_filterset_has_one_list_filter_per_selection_of_the_schema_and_no_other():
    list_filters = {
        name
        for name, filter_ in PracticeFilter.base_filters.items()
        if isinstance(filter_, django_filters.MultipleChoiceFilter)
    }
    assert list_filters == {selection.params[0] for selection in SELECTIONS}
    assert set(Criteria().selections) == {selection.name for selection in SELECTIONS}


def test_criteria_refuse_a_selection_the_schema_does_not_declare():
    with pytest.raises(ValueError, match="institution"):
        Criteria(selections={"institution": [1]})


def test_a_selection_declared_in_the_schema_filters_by_its_lookups_like_the_state_filter(db):
    # What adding a facet over institutions would give the FilterSet and the indexer, with
    # nothing written for it outside its declaration.
    declared = Facet(
        "institution", 8, ("institution",), "institution_ids", array=True, lookups=("institutions",)
    )
    ministry = factories.InstitutionFactory()
    listed, other = factories.PracticeFactory(), factories.PracticeFactory()
    listed.institutions.add(ministry, factories.InstitutionFactory())

    filter_ = selection_filter(declared, "Institution")
    chosen = filter_.field.clean([ministry.slug])
    found = filter_.filter(Practice.objects.all(), chosen)

    assert list(found) == [listed]  # once, although it lists two institutions
    assert other not in found
    assert values_of(Practice, declared.lookups)(listed) == [
        institution.pk for institution in listed.institutions.all()
    ]


def test_every_list_filter_selects_by_id_subqueries_without_removing_duplicates():
    for selection in SELECTIONS:
        filter_ = PracticeFilter.base_filters[selection.params[0]]
        value = list(selection.values[:1]) if selection.groups else [1]
        sql = str(filter_.filter(Practice.objects.all(), value).query)

        assert "DISTINCT" not in sql, selection.name
        fields = [
            Practice._meta.get_field(lookup.split(LOOKUP_SEP)[0]) for lookup in selection.lookups
        ]
        if any(field.many_to_many for field in fields):
            assert "IN (SELECT" in sql, selection.name  # through the link table
