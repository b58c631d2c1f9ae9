"""Whatever a visitor puts in the search page's URL, the page answers without a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "gcm=99999999999999999999",
        "gcm=abc",
        "theme=no-such-theme",
        "year_from=abc",
        "year_to=-5",
        "q=a%00b",
        "ordering=sideways",
        "page=zzz",
        "page=999999",
    ],
)
def test_search_page_survives_bad_query_strings(client, query):
    response = client.get(f"/en/practices/?{query}")
    assert response.status_code == 200


def test_invalid_objective_number_is_reported_to_the_reader(client):
    response = client.get("/en/practices/?gcm=99999999999999999999")
    assert "99999999999999999999" in response.content.decode()
