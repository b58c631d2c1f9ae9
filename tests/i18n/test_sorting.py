"""Names sort in the reader's alphabetical order (ICU collation), the same on every database."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.collation import sorted_by_name
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "names", "expected"),
    [
        ("fr", ["Burundi", "Bénin"], ["Bénin", "Burundi"]),
        ("fr", ["Libye", "Libéria"], ["Libéria", "Libye"]),
        ("es", ["Zambia", "Asia", "África"], ["África", "Asia", "Zambia"]),
        ("es", ["Nigeria", "Níger"], ["Níger", "Nigeria"]),
        ("ru", ["Япония", "Австрия", "Ёмкость"], ["Австрия", "Ёмкость", "Япония"]),
    ],
)
def test_names_sort_in_the_languages_alphabetical_order(language, names, expected):
    assert sorted_by_name(names, language=language) == expected


def test_chinese_names_sort_by_their_pinyin():
    # 阿 (ā), 巴 (bā), 中 (zhōng): code points would put 中 before 巴.
    names = ["中国", "巴西", "阿根廷"]

    assert sorted_by_name(names, language="zh-hans") == ["阿根廷", "巴西", "中国"]


def test_the_states_page_lists_benin_before_burundi_in_french(client):
    africa = factories.RegionFactory(name="Africa", name_fr="Afrique", slug="africa")
    east = factories.SubregionFactory(name="Eastern Africa", slug="eastern-africa", parent=africa)
    for iso2 in ("BI", "BJ", "LY", "LR"):
        factories.StateFactory(iso2=iso2, subregion=east, region=africa)

    with translation.override("fr"):
        html = client.get(reverse("states:state_list")).content.decode()

    assert html.index("Bénin") < html.index("Burundi")
    assert html.index("Libéria") < html.index("Libye")


def test_the_home_page_lists_africa_first_in_spanish(client):
    for name, name_es, slug in [("Africa", "África", "africa"), ("Asia", "Asia", "asia")]:
        factories.RegionFactory(name=name, name_es=name_es, slug=slug)

    with translation.override("es"):
        html = client.get(reverse("home")).content.decode()

    assert html.index("?region=africa") < html.index("?region=asia")
