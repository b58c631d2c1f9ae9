"""A State's name in any of the six languages finds its practices."""

import pytest
from django.urls import reverse
from django.utils import translation

from practices.indexing import update_search_index
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "query"), [("ar", "المكسيك"), ("zh-hans", "墨西哥"), ("ru", "Мексика")]
)
def test_a_reader_who_types_a_state_name_in_their_language_finds_its_practices(
    client, language, query
):
    practice = factories.PracticeFactory(
        title="Matching fund", lead_state=factories.StateFactory(iso2="MX")
    )
    factories.PracticeFactory(title="Other", lead_state=factories.StateFactory(iso2="GH"))
    update_search_index()

    with translation.override(language):
        html = client.get(reverse("practices:practice_list"), {"q": query}).content.decode()
        address = practice.get_absolute_url()

    assert address in html
    assert "Other" not in html
