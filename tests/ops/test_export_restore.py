"""export_data then restore_data into an empty database loses nothing: rows, audit, files."""

import io
import json
import shutil
import tarfile
from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from moderation.models import Action, AuditRecord, ModerationStatus
from practices.models import Practice
from tests import factories


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def export(path):
    call_command("export_data", output=str(path), stdout=io.StringIO())
    with tarfile.open(path) as archive:
        return json.load(archive.extractfile("manifest.json"))


def make_content():
    moderator = factories.UserFactory()
    themes = factories.ThemeFactory.create_batch(2)
    published = factories.PracticeFactory.create_batch(3, themes=themes)
    factories.PracticeFactory(status=Practice.Status.DRAFT, published_at=None)
    AuditRecord.objects.create(
        content_type=ContentType.objects.get_for_model(Practice),
        object_id=published[0].pk,
        action=Action.APPROVE,
        from_status=ModerationStatus.SUBMITTED,
        to_status=ModerationStatus.PUBLISHED,
        comment="Well documented.",
        actor=moderator,
        actor_name=moderator.username,
    )
    default_storage.save("attachments/2026/report.pdf", ContentFile(b"%PDF-1.7 report"))
    default_storage.save("attachments/2026/nested/photo.png", ContentFile(b"\x89PNG data"))


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_into_an_empty_database_loses_nothing(tmp_path, media):
    make_content()
    before = export(tmp_path / "before.tar.gz")

    # A new server: a freshly migrated, empty database and no uploads.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    call_command("restore_data", str(tmp_path / "before.tar.gz"), stdout=io.StringIO())

    after = export(tmp_path / "after.tar.gz")
    assert after["models"] == before["models"]
    assert after["files"] == before["files"]
    assert before["models"]["practices.practice"]["rows"] == 4
    assert before["models"]["moderation.auditrecord"]["rows"] == 1
    assert len(before["files"]) == 2
    assert AuditRecord.objects.get().comment == "Well documented."


@pytest.mark.django_db
def test_the_archive_is_dated_and_holds_data_files_and_a_manifest(tmp_path, media):
    make_content()
    call_command("export_data", output=str(tmp_path), stdout=io.StringIO())
    [archive_path] = tmp_path.glob("gfmd-export-*.tar.gz")
    with tarfile.open(archive_path) as archive:
        names = set(archive.getnames())
    assert {"manifest.json", "data/practices.practice.json"} <= names
    assert "media/attachments/2026/nested/photo.png" in names


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media):
    make_content()
    export(tmp_path / "archive.tar.gz")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_data", str(tmp_path / "archive.tar.gz"), stdout=io.StringIO())
    assert Practice.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_upload_that_does_not_match_its_hash(tmp_path, media):
    default_storage.save("attachments/a.pdf", ContentFile(b"original"))
    export(tmp_path / "archive.tar.gz")
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tmp_path / "archive.tar.gz") as source, tarfile.open(tampered, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/attachments/a.pdf":
                data = b"changed!"
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    shutil.rmtree(media)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="does not match its hash"):
        call_command("restore_data", str(tampered), stdout=io.StringIO())
    assert not default_storage.exists("attachments/a.pdf")


@pytest.mark.django_db(transaction=True)
def test_a_moment_within_the_first_millisecond_of_a_second_round_trips(tmp_path, media):
    # dumpdata writes "…:05.000" for 12:00:05.000456, which comes back as a whole second and
    # goes out again as "…:05": the manifest must still match.
    practice = factories.PracticeFactory()
    Practice.objects.filter(pk=practice.pk).update(
        published_at=datetime(2026, 12, 1, 12, 0, 5, 456, tzinfo=UTC)
    )
    before = export(tmp_path / "before.tar.gz")

    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_data", str(tmp_path / "before.tar.gz"), stdout=io.StringIO())

    assert export(tmp_path / "after.tar.gz")["models"] == before["models"]
