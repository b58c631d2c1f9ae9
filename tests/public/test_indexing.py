"""The search index follows publication: what is published is indexed, nothing else."""

import pytest
from django.core.management import call_command

from practices.indexing import update_search_index
from practices.models import Practice
from search.models import SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def test_only_published_practices_are_indexed(catalogue):
    indexed = set(SearchDocument.objects.values_list("practice__slug", flat=True))

    assert indexed == {"mexico-3x1", "colombia-nos-une", "ghana-remittance-costs"}


def test_indexing_one_practice_adds_it_and_reindexing_after_withdrawal_removes_it(db):
    practice = factories.PracticeFactory(title="Seasonal workers")

    assert update_search_index([practice]) == 1
    assert SearchDocument.objects.get(practice=practice).title == "Seasonal workers"

    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.ARCHIVED)
    assert update_search_index([practice.pk]) == 0
    assert not SearchDocument.objects.filter(practice=practice).exists()


def test_the_index_carries_state_names_in_every_site_language(db):
    mexico = factories.StateFactory(iso2="MX", iso3="MEX", m49_code=484, name="Mexico")
    practice = factories.PracticeFactory(lead_state=mexico)

    update_search_index([practice])

    names = SearchDocument.objects.get(practice=practice).names
    assert "Mexico" in names
    assert "Mexique" in names
    assert "México" in names


def test_loading_the_default_data_fills_the_index(db):
    call_command("load_default_data", verbosity=0)

    assert SearchDocument.objects.count() == Practice.objects.published().count() > 100
