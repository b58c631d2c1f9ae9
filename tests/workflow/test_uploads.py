"""Attachments: judged by content, at most 10 MB, stored under random names, downloaded as
attachments with a safe content type."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.models import Attachment, Practice

S = Practice.Status
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# The start of a Windows executable (DOS header and PE signature).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"PE\x00\x00"


@pytest.fixture
def draft(make_practice):
    return make_practice(S.DRAFT)


@pytest.fixture
def upload(client, submitter, draft):
    client.force_login(submitter)

    def post(name, content, title=""):
        return client.post(
            reverse("workflow:attachment_upload", kwargs={"pk": draft.pk}),
            {"file": SimpleUploadedFile(name, content), "title": title},
        )

    return post


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_pdf_is_stored_under_a_random_name_outside_static(upload, draft, media_root):
    response = upload("../../etc/My Report.pdf", PDF, title="Annual report")
    assert response.status_code == 302
    attachment = draft.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "My Report.pdf"
    assert attachment.size == len(PDF)
    assert attachment.file.name.startswith("attachments/")
    assert "Report" not in attachment.file.name
    assert attachment.file.path.startswith(str(media_root))
    assert "static" not in attachment.file.path


def test_a_renamed_exe_is_refused(upload, draft):
    response = upload("report.pdf", EXE * 10)
    assert response.status_code == 400
    assert "not a PDF or office document" in response.content.decode()
    assert not draft.attachments.exists()


def test_a_file_that_only_claims_to_be_pdf_is_refused(upload, draft):
    response = upload("notes.pdf", b"just text pretending %PDF-1.4")
    assert response.status_code == 400
    assert not draft.attachments.exists()


def test_an_11_mb_file_is_refused(upload, draft):
    response = upload("big.pdf", PDF + b"0" * (11 * 1024 * 1024))
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()
    assert not draft.attachments.exists()


def test_a_file_of_exactly_10_mb_is_accepted(upload, draft):
    response = upload("limit.pdf", PDF + b"0" * (10 * 1024 * 1024 - len(PDF)))
    assert response.status_code == 302
    assert draft.attachments.get().size == 10 * 1024 * 1024


def test_an_office_document_is_accepted_and_named_by_its_real_type(upload, draft):
    response = upload("budget.exe", _docx())
    assert response.status_code == 302
    attachment = draft.attachments.get()
    assert attachment.original_name == "budget.docx"
    assert attachment.file.name.endswith(".docx")


def test_download_is_an_attachment_with_a_safe_content_type(upload, draft, client):
    upload("report.pdf", PDF)
    attachment = draft.attachments.get()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_missing_file_answers_404_not_500(upload, draft, client):
    upload("report.pdf", PDF)
    attachment = draft.attachments.get()
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_attachments_cannot_be_added_once_submitted(upload, draft, submitter):
    from practices import workflow

    workflow.submit(draft, by=submitter)
    response = upload("report.pdf", PDF)
    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_removing_an_attachment_deletes_the_file_after_commit(
    upload, draft, client, django_capture_on_commit_callbacks
):
    upload("report.pdf", PDF)
    attachment = draft.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workflow:attachment_delete", kwargs={"public_id": attachment.public_id})
        )
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
