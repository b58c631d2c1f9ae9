"""The year facet tells the truth: undated practices apart, and bad filters said out loud.

The year rule (``search.schema``): only dated practices count in a decade or match a year
range; undated ones have their own value, "Years not given" (``undated=1``). An inverted range,
a year out of range and an unknown facet value are shown on the page (the rest of the search
applies, everything typed stays), refused by the CSV export and by the API with a 400.
"""

import pytest
from django.urls import reverse

from practices.filters import last_year
from tests import factories

pytestmark = pytest.mark.django_db

SEARCH = reverse("practices:practice_list")
EXPORT = reverse("practices:practice_export")
API = "/api/v1/practices/"


@pytest.fixture
def undated(catalogue, reindex):
    """Two practices whose source gives no year, next to the catalogue's three dated ones."""
    practices = [
        factories.PracticeFactory(
            title=f"Undated remittance practice {n}",
            slug=f"undated-{n}",
            lead_state=catalogue["ghana"],
            pillar=catalogue["pillar"],
            themes=[catalogue["remittances"]],
            start_year=None,
            end_year=None,
        )
        for n in (1, 2)
    ]
    reindex()
    return practices


def decades(response):
    return {link["label"]: link["count"] for link in response.context["decades"]}


def slugs(response):
    return {practice.slug for practice in response.context["page_obj"].object_list}


def test_undated_practices_are_counted_under_years_not_given_and_in_no_decade(client, undated):
    response = client.get(SEARCH)

    # Dated: 2002 and 2003 (the 2000s, and the 2010s as neither has ended), 2010 (the 2010s).
    assert decades(response) == {"2000s": 2, "2010s": 3, "2020s": 3, "Years not given": 2}


def test_a_decade_filter_never_returns_undated_practices(client, undated):
    response = client.get(SEARCH, {"year_from": 2000, "year_to": 2009})

    assert slugs(response) == {"mexico-3x1", "colombia-nos-une"}


def test_years_not_given_selects_only_the_undated_practices_and_keeps_the_words(client, undated):
    response = client.get(SEARCH, {"undated": "1", "q": "remittance"})

    assert slugs(response) == {"undated-1", "undated-2"}
    assert "Years not given" in [active.label for active in response.context["active_filters"]]


def test_the_api_and_the_csv_take_years_not_given_too(client, undated):
    api = client.get(API, {"undated": "1"}).json()
    csv = b"".join(client.get(EXPORT, {"undated": "1"}).streaming_content).decode()

    assert {item["slug"] for item in api["results"]} == {"undated-1", "undated-2"}
    assert "Undated remittance practice 1" in csv and "Three-for-One" not in csv


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year_from": 2010, "year_to": 2000}, "year_to", "is before the start year"),
        ({"year_from": 1800}, "year_from", "Enter a year of 1900 or later."),
        ({"year_to": last_year() + 1}, "year_to", f"Enter a year of {last_year()} or earlier."),
        ({"theme": "no-such-theme"}, "theme", "Select a valid choice"),
        ({"gcm": "99"}, "gcm", "Select a valid choice"),
        ({"undated": "yes"}, "undated", "Select a valid choice"),
    ],
)
def test_a_bad_filter_is_shown_on_the_page_and_refused_by_the_api_and_the_csv(
    client, catalogue, params, field, message
):
    page = client.get(SEARCH, {"q": "remittance", **params})
    api = client.get(API, params)
    csv = client.get(EXPORT, params)

    assert page.status_code == 200
    assert message in page.content.decode()
    assert page.context["criteria"].text == "remittance"  # what was typed stays
    assert 'value="remittance"' in page.content.decode()
    assert api.status_code == 400
    assert message in api.json()["errors"][field][0]
    assert csv.status_code == 400
    assert message in csv.content.decode()


def test_an_inverted_range_keeps_the_years_typed_in_their_fields(client, catalogue):
    response = client.get(SEARCH, {"year_from": 2010, "year_to": 2000})
    html = response.content.decode()

    assert 'name="year_from" min="1900"' in html
    assert 'value="2010"' in html and 'value="2000"' in html
