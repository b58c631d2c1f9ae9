"""The change feed: a mirror that asks for changes since its last sync gets exactly the
practices published or edited since then, and tombstones for those archived or deleted."""

import pytest
from django.utils import timezone

from practices import workflow
from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db


def changes(client, since, **params):
    response = client.get(
        "/api/v1/practices/", {"updated_since": since.isoformat(), **params}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def moment(item):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(item.get("updated_at") or item["removed_at"])


def test_publish_edit_archive_sequence_gives_exactly_the_changes_with_tombstones(
    client, state, submitter, moderator
):
    start = timezone.now()
    practice = factories.PracticeFactory(
        lead_state=state, status=Practice.Status.DRAFT, published_at=None, title="First title"
    )
    assert changes(client, start)["results"] == []  # a draft is no change for mirrors

    workflow.submit(practice, by=submitter)
    workflow.approve(practice, by=moderator)
    published = changes(client, start)["results"]
    assert [(p["uuid"], p["status"], p["title"]) for p in published] == [
        (str(practice.uuid), "published", "First title")
    ]

    after_publish = moment(published[-1])
    revision = workflow.start_revision(practice, by=submitter)
    revision.title = "Second title"
    revision.save()
    workflow.submit(revision, by=submitter)
    workflow.approve(revision, by=moderator)
    edited = changes(client, after_publish)["results"]
    assert [(p["uuid"], p["title"]) for p in edited] == [(str(practice.uuid), "Second title")]

    after_edit = moment(edited[-1])
    workflow.archive(practice, by=moderator, comment="Superseded by a new law.")
    practice.refresh_from_db()
    archived = changes(client, after_edit)["results"]
    assert archived == [
        {
            "uuid": str(practice.uuid),
            "slug": practice.slug,
            "status": "archived",
            "removed_at": practice.updated_at.isoformat().replace("+00:00", "Z"),
        }
    ]
    # From the very start, a mirror learns only the final state: one tombstone.
    assert [item["status"] for item in changes(client, start)["results"]] == ["archived"]


def test_nothing_changed_since_gives_an_empty_feed(client, world):
    assert changes(client, timezone.now())["results"] == []


def test_deleted_published_practice_leaves_a_removed_tombstone(client, world):
    start = timezone.now()
    practice = world["other"]
    uuid, slug = str(practice.uuid), practice.slug
    practice.delete()

    results = changes(client, start)["results"]

    assert [(r["uuid"], r["slug"], r["status"]) for r in results] == [(uuid, slug, "removed")]


def test_deleted_draft_leaves_no_tombstone(client, world):
    start = timezone.now()
    world["draft"].delete()

    assert changes(client, start)["results"] == []


def test_sync_feed_never_shows_drafts_even_to_their_state(client, world, submitter):
    client.force_login(submitter)

    slugs = [item["slug"] for item in changes(client, timezone.now().replace(year=2000))["results"]]

    assert "secret-draft" not in slugs
    assert set(slugs) == {"cheaper-remittances", "diaspora-bonds"}


def test_paging_through_the_feed_skips_nothing_when_items_change_meanwhile(client, state):
    start = timezone.now()
    practices = factories.PracticeFactory.create_batch(5, lead_state=state)

    first = changes(client, start, page_size=2)
    # An item already seen is edited while the mirror pages on: it moves to the end.
    Practice.objects.get(pk=practices[0].pk).save()
    seen = [item["uuid"] for item in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [item["uuid"] for item in page["results"]]
        url = page["next"]

    assert set(seen) == {str(p.uuid) for p in practices}
    assert seen[-1] == str(practices[0].uuid)
    assert first["count"] == 5


def test_feed_is_ordered_oldest_change_first(client, state):
    start = timezone.now()
    older = factories.PracticeFactory(lead_state=state, title="Zebra")
    newer = factories.PracticeFactory(lead_state=state, title="Aardvark")

    results = changes(client, start, ordering="title")["results"]

    assert [item["uuid"] for item in results] == [str(older.uuid), str(newer.uuid)]


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2026-01-31", "2026-01-31T08:00:00", "2026-02-30T08:00:00Z", "2026-01-31T25:00Z"],
)
def test_malformed_updated_since_is_a_400_naming_the_parameter(client, db, value):
    response = client.get("/api/v1/practices/", {"updated_since": value})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "updated_since" in response.json()["errors"]


def test_updated_since_accepts_offsets_and_extreme_dates(client, world):
    for value in ["2026-01-31T08:00:00+05:30", "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:60Z"]:
        assert client.get("/api/v1/practices/", {"updated_since": value}).status_code == 200


def test_unchanged_list_answers_304_to_its_etag_and_200_after_a_change(client, world):
    first = client.get("/api/v1/practices/")
    etag = first["ETag"]

    unchanged = client.get("/api/v1/practices/", HTTP_IF_NONE_MATCH=etag)
    world["published"].title = "Renamed"
    world["published"].save()
    changed = client.get("/api/v1/practices/", HTTP_IF_NONE_MATCH=etag)

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert changed.status_code == 200


def test_unchanged_practice_answers_304_to_if_modified_since(client, world):
    first = client.get("/api/v1/practices/cheaper-remittances/")

    again = client.get(
        "/api/v1/practices/cheaper-remittances/",
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )

    assert first.status_code == 200
    assert again.status_code == 304


def test_archiving_moves_the_lists_last_modified(client, world, moderator):
    before = client.get("/api/v1/practices/")["Last-Modified"]
    practice = world["published"]
    practice.updated_at = practice.updated_at.replace(year=practice.updated_at.year + 1)
    Practice.objects.filter(pk=practice.pk).update(
        status=Practice.Status.ARCHIVED, updated_at=practice.updated_at
    )

    after = client.get("/api/v1/practices/", HTTP_IF_MODIFIED_SINCE=before)

    assert after.status_code == 200
    assert after["Last-Modified"] != before


def test_deleting_a_published_practice_outside_the_admin_updates_cached_list_counts(
    client, world, django_capture_on_commit_callbacks
):
    before = client.get("/api/v1/practices/").json()["count"]

    with django_capture_on_commit_callbacks(execute=True):
        world["other"].delete()

    assert client.get("/api/v1/practices/").json()["count"] == before - 1
