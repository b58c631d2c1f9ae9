"""``manage.py export_data``: everything in the database plus every upload, in one archive."""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from gfmd_platform import backup


class Command(BaseCommand):
    help = (
        "Export every model of every app (audit trail included) and every uploaded file to a "
        "dated .tar.gz archive with a manifest of row counts and SHA-256 hashes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Archive path, or a folder for the dated default name (default: current folder).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        created = timezone.now()
        path = self._archive_path(output, created)
        manifest = {
            "format": backup.ARCHIVE_FORMAT_VERSION,
            "created_at": created.isoformat(),
            "migrations": backup.applied_migrations(connections[database]),
            "models": {},
            "files": {},
        }
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "w:gz") as archive:
            for label, model in backup.exported_models():
                dump = Path(tmp) / f"{label}.json"
                call_command(
                    "dumpdata",
                    label,
                    output=str(dump),
                    database=database,
                    use_base_manager=True,
                    verbosity=0,
                )
                raw = dump.read_text(encoding="utf-8")
                rows, digest = backup.fingerprint(model, raw)
                manifest["models"][label] = {"rows": rows, "sha256": digest}
                archive.add(dump, arcname=backup.data_member(label))
                self.stdout.write(f"  {label}: {rows:,} rows")
            names = backup.stored_files()
            for name in names:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                manifest["files"][name] = backup.sha256(data)
                self._add_bytes(archive, f"{backup.MEDIA_DIR}/{name}", data)
            self.stdout.write(f"  uploaded files: {len(names):,}")
            self._add_bytes(
                archive, backup.MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode()
            )
        self.stdout.write(self.style.SUCCESS(f"Exported to {path}"))

    @staticmethod
    def _archive_path(output, created):
        name = f"gfmd-export-{created:%Y%m%d-%H%M%S}.tar.gz"
        if not output:
            return Path(name).resolve()
        path = Path(output)
        return path / name if path.is_dir() else path

    @staticmethod
    def _add_bytes(archive, name, data):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = int(timezone.now().timestamp())
        archive.addfile(info, io.BytesIO(data))
