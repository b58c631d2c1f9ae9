"""Correct output: newest first by publication, <time> without microseconds, compressed pages."""

import gzip
import re
from datetime import UTC, datetime

from django.urls import reverse

from practices.models import Practice
from tests import factories

TIME_DATETIME = re.compile(r'<time datetime="([^"]*)"')
VALID_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?$")


def test_practices_published_at_one_moment_list_the_later_created_first(client, db, reindex):
    moment = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    first = factories.PracticeFactory(title="Zebra programme", published_at=moment)
    second = factories.PracticeFactory(title="Aardvark programme", published_at=moment)
    later = factories.PracticeFactory(
        title="Middle programme", published_at=datetime(2026, 12, 2, tzinfo=UTC)
    )
    reindex()
    newest = [later.pk, second.pk, first.pk]
    assert list(Practice.objects.published().newest_first().values_list("pk", flat=True)) == newest

    html = client.get(reverse("practices:practice_list") + "?ordering=newest").content.decode()
    titles = re.findall(r'<h3 class="card-title"[^>]*><a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Middle programme", "Aardvark programme", "Zebra programme"]

    home = client.get("/en/").content.decode()
    assert re.findall(r'<h3 class="card-title"[^>]*><a href="[^"]+">([^<]+)</a>', home) == titles


def test_every_time_element_carries_a_valid_datetime_without_microseconds(
    client, catalogue, moderator
):
    practice = catalogue["three_for_one"]
    Practice.objects.filter(pk=practice.pk).update(
        updated_at=datetime(2026, 12, 1, 12, 18, 39, 123456, tzinfo=UTC)
    )
    pages = [practice.get_absolute_url(), reverse("pages:whats_new")]
    found = []
    for url in pages:
        found += TIME_DATETIME.findall(client.get(url).content.decode())
    assert "2026-12-01T12:18:39+00:00" in found
    assert found and all(VALID_DATETIME.match(value) for value in found), found


def test_a_page_is_gzipped_for_a_client_that_accepts_it_and_plain_for_one_that_does_not(
    client, catalogue
):
    compressed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert b"<!DOCTYPE html>" in gzip.decompress(compressed.content)

    plain = client.get("/en/")
    assert not plain.has_header("Content-Encoding")
    assert plain.content.startswith(b"<!DOCTYPE html>")


def test_a_search_page_is_gzipped_too(client, catalogue):
    response = client.get("/en/practices/?q=remittances", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_api_answers_are_not_gzipped_and_keep_strong_etags(client, catalogue):
    response = client.get("/api/v1/practices/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert not response.get("ETag", "").startswith("W/")
