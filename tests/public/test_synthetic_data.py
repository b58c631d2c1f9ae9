"""The synthetic-data command behind the search benchmark."""

import pytest
from django.core.management import call_command

from practices.models import Practice
from practices.synthetic import TextGenerator
from search.models import SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def test_generate_practices_creates_published_indexed_practices_and_can_remove_them(capsys):
    factories.StateFactory()
    factories.PillarFactory()
    factories.ThemeFactory()
    factories.GcmObjectiveFactory()

    call_command("generate_practices", 7)

    synthetic = Practice.objects.filter(source_document="Synthetic benchmark data")
    assert synthetic.count() == 7
    assert all(practice.status == Practice.Status.PUBLISHED for practice in synthetic)
    assert SearchDocument.objects.filter(practice__in=synthetic).count() == 7
    assert "7/7" in capsys.readouterr().err

    call_command("generate_practices", delete=True)

    assert not Practice.objects.filter(source_document="Synthetic benchmark data").exists()


def test_synthetic_text_is_about_four_kilobytes_and_repeatable():
    first, second = TextGenerator(seed=1), TextGenerator(seed=1)

    text = first.paragraph(600)

    assert text == second.paragraph(600)
    assert 3000 < len(text) < 6000
