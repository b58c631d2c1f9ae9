"""Lists come as CSV too: flat columns, several values joined by "; ", links to JSON details."""

import csv
import io

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_practices_as_csv_have_flat_columns_and_joined_values(client, world):
    world["published"].themes.add(world["theme"], factories.ThemeFactory(slug="diaspora-bonds"))

    response = client.get("/api/v1/practices/?format=csv&theme=remittances")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    [row] = rows(response)
    assert row["slug"] == "cheaper-remittances"
    assert sorted(row["themes.slug"].split("; ")) == ["diaspora-bonds", "remittances"]
    assert row["lead_state.slug"] == world["published"].lead_state.slug
    assert row["lead_body.slug"] == ""
    assert row["gcm_objectives.number"] == "20"
    assert row["url"] == f"http://testserver/api/v1/practices/{world['published'].uuid}/"


def test_accept_header_selects_csv(client, world):
    response = client.get("/api/v1/states/", HTTP_ACCEPT="text/csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert {row["slug"] for row in rows(response)} >= {world["published"].lead_state.slug}


def test_csv_header_is_the_same_whatever_the_rows_hold(client, world):
    empty = client.get("/api/v1/practices/?format=csv&stage=planned").content.decode()
    full = client.get("/api/v1/practices/?format=csv").content.decode()

    assert empty.splitlines()[0] == full.splitlines()[0]
    assert "partner_bodies.slug" in empty.splitlines()[0]


def test_spreadsheet_formulas_are_neutralised(client, db):
    factories.ThemeFactory(name='=HYPERLINK("http://evil.example")', slug="formula")

    [row] = rows(client.get("/api/v1/themes/?format=csv"))

    assert row["name"].startswith("'=")


def test_sync_feed_as_csv_keeps_tombstone_columns(client, world, moderator):
    from practices import workflow

    workflow.archive(world["other"], by=moderator, comment="Ended.")

    result = rows(client.get("/api/v1/practices/?format=csv&updated_since=2000-01-01T00:00:00Z"))

    assert {row["status"] for row in result} == {"published", "archived"}
    assert [row["removed_at"] != "" for row in result if row["status"] == "archived"] == [True]
