"""Operational settings come from the environment: replica, Redis, S3 uploads, CSP."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_under(**env):
    """Import the settings in a fresh interpreter with ``env`` and return the operational bits."""
    code = (
        "import json; from gfmd_platform import settings as s; print(json.dumps({"
        "'databases': sorted(s.DATABASES), 'routers': getattr(s, 'DATABASE_ROUTERS', []),"
        "'replica_test': s.DATABASES.get('replica', {}).get('TEST'),"
        "'cache': s.CACHES['default']['BACKEND'], 'storage': s.STORAGES['default']['BACKEND'],"
        "'csp': s.CONTENT_SECURITY_POLICY, 'sessions': s.SESSION_ENGINE}))"
    )
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "DATABASE_REPLICA_URL", "SESSION_ENGINE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_defaults_are_one_database_an_in_process_cache_and_local_uploads():
    found = settings_under()
    assert found["databases"] == ["default"]
    assert found["routers"] == []
    assert found["cache"].endswith("LocMemCache")
    assert found["storage"].endswith("FileSystemStorage")


def test_a_replica_url_adds_the_replica_and_its_router():
    found = settings_under(DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/gfmd")
    assert found["databases"] == ["default", "replica"]
    assert found["routers"] == ["gfmd_platform.db_router.PrimaryReplicaRouter"]
    assert found["replica_test"] == {"MIRROR": "default"}


def test_a_redis_url_selects_django_redis():
    assert settings_under(REDIS_URL="redis://127.0.0.1:6379/1")["cache"] == (
        "django_redis.cache.RedisCache"
    )


def test_a_bucket_name_stores_uploads_on_s3():
    found = settings_under(AWS_STORAGE_BUCKET_NAME="gfmd-uploads")
    assert found["storage"] == "storages.backends.s3.S3Storage"


def test_sessions_are_in_the_database_unless_the_environment_adds_the_cache():
    assert settings_under()["sessions"] == "django.contrib.sessions.backends.db"
    found = settings_under(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_the_policy_forbids_inline_scripts_and_framing():
    csp = settings_under()["csp"]
    assert "script-src 'self';" in csp
    assert "frame-ancestors 'none'" in csp
