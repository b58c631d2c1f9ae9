"""The public site in English, French and Spanish."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

EXPECTED = {
    "en": ("Search practices", "Remittances", "Mexico"),
    "fr": ("Rechercher des pratiques", "Transferts de fonds", "Mexique"),
    "es": ("Buscar prácticas", "Remesas", "México"),
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_pages_render_in_each_language(client, catalogue, language):
    interface, theme, state = EXPECTED[language]
    with translation.override(language):
        urls = [
            reverse("home"),
            reverse("practices:practice_list") + "?q=remittances",
            catalogue["three_for_one"].get_absolute_url(),
            reverse("states:state_detail", args=["mexico"]),
            reverse("practices:theme_detail", args=["remittances"]),
        ]
    assert all(url.startswith(f"/{language}/") for url in urls)
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{language}" dir="ltr">' in html
        if "/states/" not in url:
            assert theme in html, url
    home = client.get(urls[0]).content.decode()
    assert interface in home
    assert state in client.get(urls[3]).content.decode()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_interface_strings_are_translated_not_left_in_english(client, catalogue, language):
    with translation.override(language):
        html = client.get(reverse("practices:practice_list")).content.decode()

    for english in ["Sort by", "Apply filters", "Implementation stage", "Years active"]:
        assert english not in html


@pytest.mark.parametrize("language", ["fr", "es"])
def test_compiled_catalogues_are_in_the_tree(language):
    compiled = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo"

    assert compiled.exists()


def test_language_switcher_is_on_every_page(client, catalogue):
    html = client.get(reverse("home")).content.decode()

    assert 'name="language"' in html
    assert 'lang="fr"' in html
