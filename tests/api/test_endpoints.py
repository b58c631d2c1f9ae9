"""Every resource has a list and a detail; related objects are embedded briefly, with links."""

import pytest

pytestmark = pytest.mark.django_db


def test_practice_list_embeds_related_objects_with_links_to_their_endpoints(client, world):
    response = client.get("/api/v1/practices/")

    assert response.status_code == 200
    item = next(p for p in response.json()["results"] if p["slug"] == "cheaper-remittances")
    state_slug = world["published"].lead_state.slug
    assert item["lead_state"]["url"] == f"http://testserver/api/v1/states/{state_slug}/"
    assert item["themes"] == [
        {
            "slug": "remittances",
            "name": "Remittances",
            "url": "http://testserver/api/v1/themes/remittances/",
        }
    ]
    assert item["pillar"]["url"].endswith("/api/v1/pillars/political-commitment/")
    assert item["gcm_objectives"][0]["url"].endswith("/api/v1/gcm-objectives/20/")
    assert item["partner_bodies"][0]["url"].endswith("/api/v1/regional-bodies/ecowas/")
    assert item["institutions"][0]["url"].endswith("/api/v1/institutions/ministry-of-migration/")
    assert item["url"] == f"http://testserver/api/v1/practices/{world['published'].uuid}/"
    assert item["web_url"] == "http://testserver/en/practices/cheaper-remittances/"


def test_practice_detail_answers_to_its_slug_and_to_its_uuid(client, world):
    by_slug = client.get("/api/v1/practices/cheaper-remittances/")
    by_uuid = client.get(f"/api/v1/practices/{world['published'].uuid}/")

    assert by_slug.status_code == by_uuid.status_code == 200
    assert by_slug.json() == by_uuid.json()
    assert by_slug.json()["title"] == "Cheaper remittances"


def test_practice_is_never_reachable_by_its_numeric_id(client, world):
    assert client.get(f"/api/v1/practices/{world['published'].pk}/").status_code == 404


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        (
            "/api/v1/themes/remittances/",
            "practices_url",
            "http://testserver/api/v1/practices/?theme=remittances",
        ),
        ("/api/v1/pillars/political-commitment/", "name", "Political commitment"),
        (
            "/api/v1/gcm-objectives/20/",
            "practices_url",
            "http://testserver/api/v1/practices/?gcm=20",
        ),
        ("/api/v1/regional-bodies/ecowas/", "acronym", "ECOWAS"),
        ("/api/v1/institutions/ministry-of-migration/", "kind", "ministry"),
    ],
)
def test_taxonomy_and_bodies_have_detail_endpoints(client, world, path, key, value):
    response = client.get(path)

    assert response.status_code == 200
    assert response.json()[key] == value


def test_state_detail_lists_its_bodies_and_institutions(client, world, state):
    data = client.get(f"/api/v1/states/{state.slug}/").json()

    assert data["iso3"] == state.iso3
    assert [body["slug"] for body in data["bodies"]] == ["ecowas"]
    assert [i["slug"] for i in data["institutions"]] == ["ministry-of-migration"]
    assert data["practices_url"].endswith(f"/api/v1/practices/?state={state.slug}")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/practices/",
        "/api/v1/themes/",
        "/api/v1/pillars/",
        "/api/v1/gcm-objectives/",
        "/api/v1/states/",
        "/api/v1/regional-bodies/",
        "/api/v1/institutions/",
        "/api/v1/contacts/",
    ],
)
def test_every_list_is_paginated_json(client, world, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"count", "next", "previous", "results"}


def test_page_size_is_capped_at_one_hundred(client, db):
    from tests.factories import ThemeFactory

    ThemeFactory.create_batch(105)

    data = client.get("/api/v1/themes/?page_size=500").json()

    assert data["count"] == 105
    assert len(data["results"]) == 100
    assert "page=2" in data["next"]


def test_pages_are_linked_in_the_link_header(client, db):
    from tests.factories import ThemeFactory

    ThemeFactory.create_batch(3)

    response = client.get("/api/v1/themes/?page_size=1&page=2")

    assert 'rel="next"' in response["Link"]
    assert 'rel="prev"' in response["Link"]
