"""The scale-out rehearsal passes (``scripts/scale_out.py``): two gunicorn servers behind HAProxy
share sessions, uploads (moto's S3 server) and the cache (Redis), a Celery worker sends the
notices, and the load mix runs through the balancer with one server and with two (a short
phase: its figures are the script's to report, its table and its errors the test's)."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

from tests.support import REDIS_TEST_URL, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the app servers share one PostgreSQL; CI's PostgreSQL pass runs this",
    ),
]


def missing_tools():
    # Debian puts it in /usr/sbin, outside a normal user's PATH.
    absent = [] if shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists() else ["haproxy"]
    absent += [] if shutil.which("wrk") else ["wrk"]
    absent += [
        module for module in ("moto", "storages", "boto3") if not importlib.util.find_spec(module)
    ]
    return absent


def test_two_app_servers_behind_haproxy_share_sessions_uploads_and_cache_invalidation():
    absent = missing_tools()
    if absent:
        # .ci/run installs haproxy and wrk, `make install-dev` the dev extra: in CI a failure.
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide {', '.join(absent)}")
        pytest.skip(f"{', '.join(absent)} not installed (apt-get install haproxy wrk; '.[dev]')")
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    password = f":{server['PASSWORD']}" if server["PASSWORD"] else ""
    postgres = (
        f"postgres://{server['USER'] or 'postgres'}{password}@"
        f"{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}"
    )
    result = subprocess.run(
        [
            sys.executable,
            str(Path(ROOT) / "scripts" / "scale_out.py"),
            "--duration=3",
            "--connections=2",
            "--recreate",
            f"--postgres={postgres}",
            f"--database={server['NAME']}_scale_out",
            f"--redis-url={REDIS_TEST_URL}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=400,
    )
    passed = [line for line in result.stdout.splitlines() if line.startswith("PASS ")]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert len(passed) == 5, result.stdout
    # The one-and-two-server table, from the load test's own figures, with no errors.
    assert re.search(
        r"^\| mixed \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+x \| 0 / 0 \|$",
        result.stdout,
        re.M,
    ), result.stdout
