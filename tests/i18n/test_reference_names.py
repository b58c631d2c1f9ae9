"""Reference names in the six UN languages, and the document's direction."""

import pytest
from django.urls import reverse
from django.utils import translation

from gfmd_platform.default_data import load_taxonomy
from practices.models import GcmObjective, Theme
from states.reference import region_names
from tests import factories

pytestmark = pytest.mark.django_db

MEXICO = {
    "ar": "المكسيك",
    "zh-hans": "墨西哥",
    "en": "Mexico",
    "fr": "Mexique",
    "ru": "Мексика",
    "es": "México",
}


@pytest.mark.parametrize(("language", "name"), MEXICO.items())
def test_state_names_come_from_django_countries_in_every_language(client, language, name):
    state = factories.StateFactory(iso2="MX")

    with translation.override(language):
        assert state.display_name == name
        html = client.get(reverse("states:state_detail", args=[state.slug])).content.decode()
    assert f"<h1>{name}</h1>" in html


def test_m49_regions_are_named_in_the_six_languages():
    names = region_names("Sub-Saharan Africa")

    assert names["name_fr"] == "Afrique subsaharienne"
    assert names["name_es"] == "África subsahariana"
    assert names["name_ar"] == "أفريقيا جنوب الصحراء الكبرى"
    assert names["name_zh_hans"] == "撒哈拉以南非洲"
    assert names["name_ru"]


def test_a_region_cldr_names_more_narrowly_takes_unsd_s_own_name_not_cldr_s():
    names = region_names("Latin America and the Caribbean")

    assert names["name_fr"] == "Amérique latine et Caraïbes"
    # CLDR's 419 is "Latin America" (أمريكا اللاتينية, 拉丁美洲, Латинская Америка): too narrow.
    assert names["name_ar"] == "أمريكا اللاتينية ومنطقة البحر الكاريبي"
    assert names["name_zh_hans"] == "拉丁美洲和加勒比"
    assert names["name_ru"] == "Латинская Америка и Карибский бассейн"


@pytest.mark.parametrize(
    ("language", "remittances"),
    [
        ("ar", "التحويلات"),
        ("zh-hans", "汇款"),
        ("fr", "Transferts de fonds"),
        ("ru", "Денежные переводы"),
        ("es", "Remesas"),
    ],
)
def test_themes_are_named_in_the_readers_language(client, language, remittances):
    load_taxonomy()
    theme = Theme.objects.get(slug="remittances")

    with translation.override(language):
        html = client.get(theme.get_absolute_url()).content.decode()
        assert theme.display_name == remittances
    assert remittances in html


def test_gcm_objectives_without_a_sourced_official_wording_show_the_english_one():
    load_taxonomy()
    objective = GcmObjective.objects.get(number=20)

    with translation.override("ar"):
        assert objective.display_name == objective.name
    with translation.override("fr"):
        assert objective.display_name == objective.name_fr != objective.name


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("zh-hans", "ltr"), ("en", "ltr"), ("fr", "ltr"), ("ru", "ltr"), ("es", "ltr")],
)
def test_the_document_says_its_language_and_direction(client, language, direction):
    with translation.override(language):
        html = client.get(reverse("home")).content.decode()

    assert f'<html lang="{language}" dir="{direction}">' in html


def test_a_practice_title_of_unknown_direction_is_isolated_inside_arabic_text(client):
    practice = factories.PracticeFactory(title="3×1 matching fund", language="en")

    with translation.override("ar"):
        html = client.get(practice.get_absolute_url()).content.decode()

    assert '<h1 dir="auto" lang="en">3×1 matching fund</h1>' in html
