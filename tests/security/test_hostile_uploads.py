"""The hostile upload set: files that lie about what they are, or carry names meant to hurt.

Each upload is judged by its bytes; what is kept is stored under a random name, offered back
only as a download (``Content-Disposition: attachment``, ``nosniff``, the detected type), and
its shown name carries no path, no control or direction-override character. ASVS 4.0.3
V12.1.1, V12.2.1, V12.3.1, V12.4.1, V12.5.2.
"""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from practices.forms import MAX_ATTACHMENT_BYTES
from practices.models import Attachment, Practice
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(**extra):
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", **extra})


REFUSED = {
    "exe named pdf": ("report.pdf", EXE),
    "html named pdf": ("report.pdf", HTML),
    "html named docx": ("report.docx", HTML),
    "svg with script": ("chart.svg", SVG),
    "svg named pdf": ("chart.pdf", SVG),
    "exe with pdf magic late": ("x.pdf", EXE + b"%PDF-1.4\n"),
    "plain zip named docx": ("x.docx", _zip({"evil.sh": "rm -rf /"})),
    "jar named docx": ("x.docx", _zip({"META-INF/MANIFEST.MF": "Main-Class: X\n"})),
    "empty": ("empty.pdf", b""),
    "one byte": ("one.pdf", b"%"),
    "php named pdf": ("shell.pdf", b"<?php system($_GET['c']); ?>"),
    "elf": ("x.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 60),
    "gif polyglot": ("x.pdf", b"GIF89a/*<script>alert(1)</script>*/"),
}
# Active content, judged by the bytes (the EICAR test file is ClamAV's to find:
# tests/security/test_uploads.py sends it to a real clamd).
ACTIVE_CONTENT = {
    "pdf with openaction javascript": (
        "report.pdf",
        PDF.replace(
            b"<< /Type /Catalog >>",
            b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        ),
    ),
    "docx with macros": ("report.docx", _docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})),
}
# Names that must not reach the disk or the page as given; the PDF itself is fine.
HOSTILE_NAMES = {
    "traversal": "../../x.pdf",
    "windows traversal": "..\\..\\windows\\x.pdf",
    "absolute": "/etc/passwd.pdf",
    "nul": "report\x00.exe.pdf",
    "right-to-left override": "report\u202efdp.exe",
    "very long": "a" * 5000 + ".pdf",
    "html name": "<img src=x onerror=alert(1)>.pdf",
    "newline": "report\r\nContent-Type: text/html.pdf",
    "unicode": "rapport-\u00e9t\u00e9-\u0645\u0647\u0627\u062c\u0631.pdf",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(state, submitter):
    return factories.PracticeFactory(
        lead_state=state, created_by=submitter, status=Practice.Status.DRAFT, published_at=None
    )


@pytest.fixture
def upload(submitter, draft):
    client = Client(raise_request_exception=False)
    client.force_login(submitter)

    def post(name, content):
        file = SimpleUploadedFile("placeholder.pdf", content)
        file.name = name  # as sent: the upload handler, not the test, cleans it
        return client.post(
            reverse("workflow:attachment_upload", kwargs={"pk": draft.pk}), {"file": file}
        )

    return post


@pytest.mark.parametrize(("name", "content"), REFUSED.values(), ids=REFUSED.keys())
def test_a_file_whose_bytes_are_not_an_allowed_document_is_refused(upload, draft, name, content):
    response = upload(name, content)

    assert response.status_code == 400  # the form again, with the reason
    assert not draft.attachments.exists()


@pytest.mark.parametrize(("name", "content"), ACTIVE_CONTENT.values(), ids=ACTIVE_CONTENT.keys())
def test_a_document_carrying_active_content_is_refused(upload, draft, name, content):
    response = upload(name, content)

    assert response.status_code == 400
    assert not draft.attachments.exists()


def test_a_file_over_the_limit_is_refused(upload, draft):
    response = upload("big.pdf", PDF + b"0" * (MAX_ATTACHMENT_BYTES - len(PDF) + 1))

    assert response.status_code == 400
    assert not draft.attachments.exists()


def test_a_small_zip_bomb_is_judged_without_being_unpacked(upload, draft):
    bomb = _docx(**{"word/media/zeros.bin": b"\x00" * (50 * 1024 * 1024)})
    started = time.monotonic()

    response = upload("bomb.docx", bomb)

    assert len(bomb) < 200_000
    assert response.status_code in {302, 400}
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_name_reaches_neither_the_disk_nor_the_page(upload, draft, media_root, name):
    response = upload(name, PDF)

    assert response.status_code in {302, 400}
    for attachment in draft.attachments.all():
        assert attachment.file.path.startswith(str(media_root / "attachments"))
        assert "/" not in attachment.original_name and "\\" not in attachment.original_name
        assert not any(
            ord(char) < 32 or char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
            for char in attachment.original_name
        )
        assert len(attachment.original_name) <= 200


def test_a_pdf_html_polyglot_is_only_ever_offered_as_a_pdf_download(upload, draft, client):
    polyglot = PDF + HTML
    assert upload("report.pdf", polyglot).status_code == 302
    attachment = draft.attachments.get()
    Practice.objects.filter(pk=draft.pk).update(status=Practice.Status.PUBLISHED)

    response = client.get(attachment.get_absolute_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Attachment.objects.count() == 1
