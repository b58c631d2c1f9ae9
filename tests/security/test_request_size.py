"""Request bodies larger than ``MAX_REQUEST_BYTES`` are refused with 413 before anything
reads them: a 100 MB upload used to be read in full before the form's 10 MB check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import FakePayload
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

HUNDRED_MB = 100 * 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def draft(submitter, state):
    return factories.PracticeFactory(
        lead_state=state, created_by=submitter, status="draft", published_at=None
    )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def _announcing(size, body=b"x" * 64):
    """A small body behind a header announcing ``size`` bytes, and the stream it is read from."""
    stream = FakePayload(body)
    return stream, {"CONTENT_LENGTH": str(size), "wsgi.input": stream}


def test_an_upload_announcing_100_mb_is_refused_with_413_unread(signed_in, draft):
    stream, extra = _announcing(HUNDRED_MB)
    response = signed_in.post(
        reverse("workflow:attachment_upload", kwargs={"pk": draft.pk}),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **extra,
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not stream.read_started
    assert not draft.attachments.exists()


def test_an_api_body_announcing_100_mb_is_refused_with_413_json_unread(client):
    stream, extra = _announcing(HUNDRED_MB)
    response = client.post("/api/v1/practices/", content_type="application/json", **extra)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "request_too_large"
    assert not stream.read_started


def test_the_limit_comes_from_max_request_bytes(client, settings):
    settings.MAX_REQUEST_BYTES = 1000
    _stream, extra = _announcing(1001)
    assert client.post("/en/accounts/login/", content_type="text/plain", **extra).status_code == 413


def test_a_body_within_the_limit_goes_through(client, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = client.post("/en/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code != 413


def test_a_normal_upload_still_works(signed_in, draft, media_root):
    response = signed_in.post(
        reverse("workflow:attachment_upload", kwargs={"pk": draft.pk}),
        {"file": SimpleUploadedFile("report.pdf", PDF), "title": "Annual report"},
    )
    assert response.status_code == 302
    assert draft.attachments.count() == 1


def test_the_default_limit_is_a_little_over_the_10_mb_upload_limit(settings):
    assert 10 * 1024 * 1024 < settings.MAX_REQUEST_BYTES <= 16 * 1024 * 1024
