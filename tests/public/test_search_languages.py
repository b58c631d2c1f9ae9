"""A reader's own words find practices in any UI language, with or without accents.

The taxonomy (theme, pillar, GCM objective, region) and State names in every site language,
and the curated terms of ``fixtures/search_terms.json``, are indexed with each practice.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation

from core.i18n import name_column
from practices.indexing import equivalent_terms
from search.models import SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def search_url(language):
    with translation.override(language):
        return reverse("practices:practice_list")


def slugs(response):
    return {practice.slug for practice in response.context["page_obj"].object_list}


def test_a_french_reader_finds_the_remittance_practices_with_transferts_de_fonds(client, catalogue):
    response = client.get(search_url("fr"), {"q": "transferts de fonds"})

    assert slugs(response) == {"mexico-3x1", "ghana-remittance-costs"}


def test_a_spanish_reader_finds_the_remittance_practices_with_remesas(client, catalogue):
    response = client.get(search_url("es"), {"q": "remesas"})

    assert slugs(response) == {"mexico-3x1", "ghana-remittance-costs"}


def test_diaspora_with_a_spanish_accent_finds_the_diaspora_practices(client, catalogue):
    response = client.get(search_url("es"), {"q": "diáspora"})

    assert slugs(response) == {"mexico-3x1", "colombia-nos-une"}


def test_every_site_language_names_of_a_theme_are_in_the_index(catalogue):
    names = SearchDocument.objects.get(practice__slug="ghana-remittance-costs").names

    theme = catalogue["remittances"]
    for code, _name in settings.LANGUAGES:
        assert getattr(theme, name_column(code)) in names


def test_region_pillar_and_gcm_names_are_indexed_in_every_language(catalogue, reindex):
    objective = factories.GcmObjectiveFactory(
        number=20, name="Promote cheaper remittances", name_fr="Envoi de fonds", name_es="Remesas"
    )
    practice = factories.PracticeFactory(
        slug="filed", lead_state=catalogue["ghana"], pillar=catalogue["pillar"]
    )
    practice.gcm_objectives.set([objective])
    catalogue["africa"].name_fr = "Afrique"
    catalogue["africa"].save()
    reindex([practice])

    names = SearchDocument.objects.get(practice=practice).names
    for name in ("Promote cheaper remittances", "Envoi de fonds", "Remesas", "Africa", "Afrique"):
        assert name in names
    assert "Institutional capacity" in names  # the pillar


def test_a_curated_term_in_a_practice_finds_it_by_its_french_and_spanish_forms(
    client, catalogue, reindex
):
    factories.PracticeFactory(
        slug="decent-work",
        lead_state=catalogue["ghana"],
        pillar=catalogue["pillar"],
        summary="Placement agencies are licensed so that recruits find decent work abroad.",
    )
    reindex()

    french = client.get(search_url("fr"), {"q": "travail décent"})
    spanish = client.get(search_url("es"), {"q": "trabajo decente"})

    assert "decent-work" in slugs(french) and "decent-work" in slugs(spanish)


def test_curated_terms_match_whatever_the_accents_and_plural():
    assert "remesas" in equivalent_terms("The cost of sending a Remittance home")
    assert "decent work" in equivalent_terms("Un travail decent pour tous")
    assert equivalent_terms("Nothing to see here") == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's unaccent configurations; SQLite's accent folding is the FTS5 backend's",
)
@pytest.mark.parametrize("typed", ["codeveloppement", "codéveloppement", "CODÉVELOPPEMENT"])
def test_accents_never_decide_whether_a_practice_is_found(client, catalogue, reindex, typed):
    factories.PracticeFactory(
        slug="france-codev",
        title="Ministry for Immigration and Codéveloppement",
        lead_state=catalogue["ghana"],
        pillar=catalogue["pillar"],
    )
    factories.PracticeFactory(
        slug="plain-codev",
        title="A codeveloppement fund written without its accent",
        lead_state=catalogue["ghana"],
        pillar=catalogue["pillar"],
    )
    reindex()

    response = client.get(search_url("en"), {"q": typed})

    assert slugs(response) == {"france-codev", "plain-codev"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configurations")
def test_the_index_uses_the_projects_accent_insensitive_configurations(catalogue):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('gfmd_spanish', 'Diáspora')::text")
        assert cursor.fetchone()[0] == "'diaspor':1"
