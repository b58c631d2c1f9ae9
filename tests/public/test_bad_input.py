"""Whatever a visitor puts in the search page's URL, the page answers without a server error,
and over a populated catalogue it still lists practices: a bad value is left out, not fatal."""

import pytest

pytestmark = pytest.mark.django_db

PUBLISHED = ("mexico-3x1", "colombia-nos-une", "ghana-remittance-costs")


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
def test_search_page_survives_bad_query_strings(client, catalogue, query):
    response = client.get(f"/en/practices/?{query}")

    assert response.status_code == 200
    # The bad value is ignored: every published practice is listed, as a rendered card.
    assert response.context["result_count"] == len(PUBLISHED)
    html = response.content.decode()
    for slug in PUBLISHED:
        assert f'href="/en/practices/{slug}/"' in html, slug
    assert "secret-draft" not in html


def test_invalid_objective_number_is_reported_to_the_reader(client, catalogue):
    response = client.get("/en/practices/?gcm=99999999999999999999")
    assert "99999999999999999999" in response.content.decode()


@pytest.mark.parametrize(
    "words",
    [
        " OR ".join(["remittances"] * 200),
        " ".join(["remittances"] * 60),
        " OR ".join(f'"remittance" -w{n}' for n in range(40)),
    ],
    ids=["200 OR-ed words", "60 words", "40 phrases with exclusions"],
)
def test_a_very_long_query_is_answered_and_still_finds(client, catalogue, words):
    # Each word adds conditions and ranking terms: a long query once nested past Python's
    # recursion limit and SQLite's parser stack.
    response = client.get("/en/practices/", {"q": words})

    assert response.status_code == 200
    assert response.context["result_count"] >= 1
