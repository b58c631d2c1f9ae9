"""Shared by ``export_data`` and ``restore_data``: what is exported and how it is fingerprinted.

The archive holds one JSON file per model (Django's ``dumpdata`` format, original primary keys),
every uploaded file, and ``manifest.json`` with row counts and SHA-256 hashes of both. Primary
keys are kept rather than natural keys so that a restore reproduces the database exactly, audit
trail included; the content types and permissions that ``migrate`` created in the target are
replaced by the exported ones for that reason.
"""

import hashlib
import json
import posixpath

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.dateparse import parse_datetime

ARCHIVE_FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data"
MEDIA_DIR = "media"

# Rows that ``migrate`` itself creates: an "empty" database may hold them, and a restore
# replaces them with the archive's own.
SEEDED_MODELS = ("contenttypes.contenttype", "auth.permission", "auth.group")


# Derived from other tables and rebuilt by the restore (``search.backends.postgres.toplists``,
# ``search.vocabulary``).
DERIVED = {"search.topresults", "search.vocabulary"}


def exported_models():
    """Every concrete model of every installed app but the derived ones, as (label, model),
    in a stable order."""
    models = [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and model._meta.managed
        and not model._meta.swapped
        and model._meta.label_lower not in DERIVED
    ]
    return sorted(((model._meta.label_lower, model) for model in models), key=lambda i: i[0])


def data_member(label):
    return f"{DATA_DIR}/{label}.json"


def fingerprint(model, raw_json):
    """(row count, SHA-256) of a ``dumpdata`` file, independent of many-to-many list order
    and of how a moment is written."""
    many_to_many = {field.name for field in model._meta.many_to_many}
    # ``dumpdata`` writes milliseconds, and none for a whole second: 12:00:05.000456 goes out
    # as "12:00:05.000", comes back as 12:00:05 and goes out again as "12:00:05".
    moments = {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    }
    digest = hashlib.sha256()
    objects = sorted(json.loads(raw_json or "[]"), key=lambda obj: str(obj["pk"]))
    for obj in objects:
        for name in many_to_many & obj["fields"].keys():
            obj["fields"][name] = sorted(obj["fields"][name], key=str)
        for name in moments & obj["fields"].keys():
            if obj["fields"][name]:
                obj["fields"][name] = parse_datetime(obj["fields"][name]).isoformat()
        digest.update(json.dumps(obj, sort_keys=True).encode())
        digest.update(b"\n")
    return len(objects), digest.hexdigest()


def stored_files(storage=default_storage, folder=""):
    """Every file name in ``storage`` under ``folder``, recursively (works for S3 too)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names.extend(stored_files(storage, posixpath.join(folder, sub)))
    return sorted(names)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def applied_migrations(connection):
    """The migrations applied in ``connection``'s database, as sorted "app.name" strings."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())
