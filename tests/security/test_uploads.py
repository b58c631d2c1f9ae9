"""Attachments are judged by what they hold: PDF actions that run code, Office and
OpenDocument macros are refused whatever the file is called; with ClamAV configured, each
upload is scanned, and refused while the scanner cannot be reached (fail closed)."""

import io
import os
import socket
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

PDF_HEAD = b"%PDF-1.7\n"
PDF_TAIL = b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
# The EICAR antivirus test file, built from two halves so that the repository itself holds no
# copy a scanner would flag.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _pdf(*objects):
    return PDF_HEAD + b"".join(objects) + PDF_TAIL


CATALOG = b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(state, submitter):
    return factories.PracticeFactory(
        status=Practice.Status.DRAFT, lead_state=state, created_by=submitter, published_at=None
    )


@pytest.fixture
def upload(client, submitter, draft, media_root):
    client.force_login(submitter)

    def post(name, content, title="Annual report 2025"):
        return client.post(
            reverse("workflow:attachment_upload", kwargs={"pk": draft.pk}),
            {"file": SimpleUploadedFile(name, content), "title": title},
        )

    return post


def _refused(response, draft, words):
    page = response.content.decode()
    assert response.status_code == 400
    assert words in page
    # What was typed is kept for the next try.
    assert 'value="Annual report 2025"' in page
    assert not draft.attachments.exists()
    return True


def _office(kind="docx", extra=(), content_types="<Types/>"):
    main = {
        "docx": "word/document.xml",
        "xlsx": "xl/workbook.xml",
        "pptx": "ppt/presentation.xml",
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(main, "<root/>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def _ole_with_vba():
    """The start of an OLE compound file whose directory names a VBA project."""
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    return magic + b"\x00" * 504 + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 64


# PDF actions --------------------------------------------------------------------------------

PDF_ACTIVE = {
    "OpenAction JavaScript": _pdf(
        b"1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n"
        b"endobj\n"
    ),
    "JavaScript name tree": _pdf(
        b"1 0 obj\n<< /Type /Catalog /Names << /JavaScript 3 0 R >> >>\nendobj\n"
    ),
    "Launch action": _pdf(
        b"1 0 obj\n<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>\nendobj\n"
    ),
    "additional actions": _pdf(
        b"1 0 obj\n<< /Type /Page /AA << /O << /S /URI /URI (http://x) >> >> >>\nendobj\n"
    ),
    "escaped name": _pdf(
        b"1 0 obj\n<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>\nendobj\n"
    ),
    "inside a compressed object stream": _pdf(
        CATALOG,
        b"3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(b"<< /S /JavaScript /JS (this.exportDataObject()) >>")
        + b"\nendstream\nendobj\n",
    ),
}


@pytest.mark.parametrize("pdf", PDF_ACTIVE.values(), ids=PDF_ACTIVE.keys())
def test_a_pdf_with_actions_that_run_is_refused(upload, draft, pdf):
    assert _refused(upload("report.pdf", pdf), draft, "active content")


def test_a_pdf_opening_at_a_page_is_accepted(upload, draft):
    pdf = _pdf(b"1 0 obj\n<< /Type /Catalog /OpenAction [3 0 R /Fit] >>\nendobj\n")
    assert upload("report.pdf", pdf).status_code == 302
    assert draft.attachments.count() == 1


def test_a_pdf_with_javascript_named_as_a_docx_is_still_refused(upload, draft):
    assert _refused(upload("notes.docx", PDF_ACTIVE["OpenAction JavaScript"]), draft, "active")


# Office macros -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx"])
def test_an_office_document_with_a_vba_project_is_refused(upload, draft, kind):
    member = {"docx": "word", "xlsx": "xl", "pptx": "ppt"}[kind] + "/vbaProject.bin"
    document = _office(kind, extra=[(member, _ole_with_vba())])
    assert _refused(upload(f"budget.{kind}", document), draft, "macros")


def test_a_macro_enabled_content_type_is_refused_whatever_the_name(upload, draft):
    types = (
        '<Types><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    )
    assert _refused(upload("plain.docx", _office(content_types=types)), draft, "macro")


def test_an_embedded_ole_object_with_macros_is_refused(upload, draft):
    document = _office(extra=[("word/embeddings/oleObject1.bin", _ole_with_vba())])
    assert _refused(upload("budget.docx", document), draft, "macros")


def test_an_opendocument_text_with_basic_macros_is_refused(upload, draft):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    assert _refused(upload("minutes.odt", buffer.getvalue()), draft, "macros")


def test_an_old_word_document_is_refused(upload, draft):
    assert _refused(upload("old.doc", _ole_with_vba()), draft, "not a PDF or office document")


def test_an_office_document_without_macros_is_accepted(upload, draft):
    assert upload("budget.docx", _office()).status_code == 302
    assert draft.attachments.count() == 1


# ClamAV ------------------------------------------------------------------------------------


def _clamd():
    """Settings for a reachable clamd, or None."""
    path = os.environ.get("CLAMD_SOCKET") or "/var/run/clamav/clamd.ctl"
    if os.path.exists(path):
        return {"CLAMD_SOCKET": path, "CLAMD_HOST": ""}
    host = os.environ.get("CLAMD_HOST", "127.0.0.1")
    port = int(os.environ.get("CLAMD_PORT", "3310"))
    try:
        socket.create_connection((host, port), timeout=0.5).close()
    except OSError:
        return None
    return {"CLAMD_SOCKET": "", "CLAMD_HOST": host, "CLAMD_PORT": port}


def test_a_pdf_holding_the_eicar_test_file_is_refused_by_clamav(upload, draft, settings):
    found = _clamd()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run clamd on 127.0.0.1:3310 (.ci/run starts one)")
        pytest.skip("no clamd reachable (CLAMD_SOCKET, CLAMD_HOST/CLAMD_PORT or 127.0.0.1:3310)")
    for name, value in found.items():
        setattr(settings, name, value)
    pdf = _pdf(CATALOG, b"4 0 obj\n<< /Length 68 >>\nstream\n" + EICAR + b"\nendstream\n")
    assert _refused(upload("report.pdf", pdf), draft, "virus scanner found")


def test_with_clamav_configured_but_down_uploads_are_refused(upload, draft, settings):
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = "127.0.0.1"
    settings.CLAMD_PORT = 1  # nothing listens: a real outage
    settings.CLAMD_TIMEOUT = 2
    assert _refused(upload("report.pdf", _pdf(CATALOG)), draft, "scanner is unavailable")


def test_with_clamav_on_a_missing_socket_uploads_are_refused(upload, draft, settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "clamd.sock")
    settings.CLAMD_HOST = ""
    assert _refused(upload("report.pdf", _pdf(CATALOG)), draft, "scanner is unavailable")


def test_without_clamav_configured_a_clean_pdf_is_accepted(upload, draft, settings):
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = ""
    assert upload("report.pdf", _pdf(CATALOG)).status_code == 302
