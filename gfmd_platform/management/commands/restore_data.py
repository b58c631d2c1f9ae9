"""``manage.py restore_data ARCHIVE``: load an ``export_data`` archive into an empty database."""

import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from gfmd_platform import backup


class Command(BaseCommand):
    help = (
        "Restore an export_data archive into an empty, migrated database (refuses otherwise): "
        "every row with its original id, then every uploaded file, each checked against the "
        "manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.load(tar.extractfile(backup.MANIFEST))
            self._check_compatible(manifest, connection)
            self._check_empty(database)
            with tempfile.TemporaryDirectory() as tmp:
                fixtures = self._extract_data(tar, manifest, Path(tmp))
                self._load(fixtures, manifest, database)
            self._restore_files(tar, manifest)
        self._rebuild_derived_data()
        self._verify_counts(manifest, database)
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}"))

    def _check_compatible(self, manifest, connection):
        if manifest.get("format") != backup.ARCHIVE_FORMAT_VERSION:
            raise CommandError(f"Unknown archive format {manifest.get('format')!r}.")
        missing = set(manifest["migrations"]) - set(backup.applied_migrations(connection))
        if missing:
            raise CommandError(
                "The archive comes from a newer schema; run `migrate` with newer code first. "
                f"Missing migrations: {', '.join(sorted(missing))}"
            )

    def _check_empty(self, database):
        holding = [
            label
            for label, model in backup.exported_models()
            if label not in backup.SEEDED_MODELS and model._base_manager.using(database).exists()
        ]
        if holding:
            raise CommandError(
                "The database is not empty; restore only into a freshly migrated database. "
                f"Rows found in: {', '.join(holding)}"
            )

    def _extract_data(self, tar, manifest, folder):
        fixtures = []
        for label in manifest["models"]:
            if not manifest["models"][label]["rows"]:
                continue
            path = folder / f"{label.replace('.', '-')}.json"
            path.write_bytes(tar.extractfile(backup.data_member(label)).read())
            fixtures.append(str(path))
        return fixtures

    def _load(self, fixtures, manifest, database):
        total = sum(model["rows"] for model in manifest["models"].values())
        self.stdout.write(f"Loading {total:,} rows from {len(fixtures)} models...")
        with transaction.atomic(using=database):
            # The archive's content types and permissions replace the ones `migrate` made, so
            # every exported reference to them (audit trail, permissions) keeps its meaning.
            apps.get_model("auth", "Group")._base_manager.using(database).all().delete()
            ContentType._base_manager.using(database).all().delete()
            if fixtures:
                call_command("loaddata", *fixtures, database=database, verbosity=1)
        ContentType.objects.clear_cache()

    def _restore_files(self, tar, manifest):
        files = manifest["files"]
        self.stdout.write(f"Restoring {len(files):,} uploaded files...")
        for done, (name, digest) in enumerate(sorted(files.items()), start=1):
            data = tar.extractfile(f"{backup.MEDIA_DIR}/{name}").read()
            if backup.sha256(data) != digest:
                raise CommandError(f"{name} does not match its hash in the manifest.")
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as existing:
                    if backup.sha256(existing.read()) == digest:
                        continue
                raise CommandError(f"{name} already exists with different content.")
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:
                raise CommandError(f"{name} was stored as {saved}.")
            if done % 100 == 0:
                self.stdout.write(f"  {done:,} / {len(files):,}")

    def _rebuild_derived_data(self):
        # The search index keeps PostgreSQL-only columns that no JSON export carries: refill
        # them for exactly the documents restored, so the index is the one exported.
        if apps.is_installed("search"):
            from practices.indexing import update_search_index
            from search.models import SearchDocument

            self.stdout.write("Rebuilding the search index...")
            update_search_index(SearchDocument.objects.values_list("pk", flat=True))

    def _verify_counts(self, manifest, database):
        models = dict(backup.exported_models())
        wrong = [
            f"{label}: {expected['rows']} expected, {count} found"
            for label, expected in manifest["models"].items()
            if label in models
            and (count := models[label]._base_manager.using(database).count()) != expected["rows"]
        ]
        if wrong:
            raise CommandError("Row counts differ after restore: " + "; ".join(wrong))
        self.stdout.write(f"Row counts match the manifest for {len(manifest['models'])} models.")
