"""End to end on a real queue: a Celery worker started here, against Redis (REDIS_TEST_URL),
builds a digest and sends it through a second task; the email arrives in a folder."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
from celery import Celery
from django.db import connection

from alerts.models import Subscription
from tests import factories
from tests.alerts.factories import published_practice, saved_search
from tests.support import REDIS_TEST_URL, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def redis_or_skip():
    address = urlsplit(REDIS_TEST_URL)
    try:
        socket.create_connection((address.hostname, address.port or 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("CI must run Redis")
        pytest.skip("no Redis for the worker")


def worker_database_url(tmp_path):
    """The test database as the worker must reach it: PostgreSQL's test database by name; on
    SQLite (in memory here), a file copy of it, which the worker then writes to."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}", None
    copy = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}", copy


def test_a_real_worker_sends_a_digest_end_to_end(tmp_path):
    redis_or_skip()
    theme = factories.ThemeFactory(slug="remittances", name="Remittances")
    subscription = saved_search("theme=remittances", email="worker@example.org")
    practice = published_practice(themes=[theme], title="Queued practice")
    database_url, sqlite_copy = worker_database_url(tmp_path)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.alerts.worker_settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": REDIS_TEST_URL,
        "EMAIL_FILE_PATH": str(outbox),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    broker = Celery(broker=REDIS_TEST_URL)
    broker.connection_for_write().default_channel.client.flushdb()  # a queue of our own
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "gfmd_platform",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        broker.send_task("alerts.tasks.send_digests", args=("daily",))
        deadline = time.monotonic() + 90
        while not list(outbox.iterdir()) and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.5)
    finally:
        worker.terminate()
        log = worker.communicate(timeout=30)[0]
    [sent] = list(outbox.iterdir())
    email = sent.read_text()
    assert "To: worker@example.org" in email, log
    assert "Queued practice" in email and "Theme Remittances" in email
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in email
    assert "moderation.send_email" in log  # the mail went through a task of its own
    if sqlite_copy is None:
        assert Subscription.objects.get(pk=subscription.pk).sent_until >= practice.published_at
    else:
        with sqlite3.connect(sqlite_copy) as database:
            [(mark,)] = database.execute("SELECT sent_until FROM alerts_subscription").fetchall()
        assert mark is not None
