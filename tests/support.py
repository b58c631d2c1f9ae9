"""Helpers that several test files share: real Redis, manage.py in a fresh process, races."""

import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from gfmd_platform.settings import cache_settings
from moderation.transitions import TransitionError

ROOT = Path(__file__).resolve().parent.parent
# Each parallel test run may take its own database number.
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
# Set for the test process (DEBUG by `make test`, the async flag by conftest for Playwright).
DEVELOPMENT_ONLY = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def use_redis(settings):
    """Point the default cache at a real Redis (a failure in CI, which must run one)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("CI must run Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {"default": cache_settings(REDIS_TEST_URL)}


def run_manage(*args, drop=(), **env):
    """``manage.py *args`` in a new process with the test process's environment less the
    development-only variables (and ``drop``), plus ``env``."""
    removed = DEVELOPMENT_ONLY | set(drop)
    environment = {k: v for k, v in os.environ.items() if k not in removed}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def race(*actions):
    """Run each action in its own thread and database connection, started together: each
    outcome is ``("ok", result)`` or ``("refused", message)`` for a ``TransitionError``."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = ("ok", action())
        except TransitionError as error:
            outcomes[index] = ("refused", error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def home_practice_count(client):
    """The home page's headline count of published practices, read from the page as shown
    (its content is cached: a cached page carries no template context)."""
    html = client.get("/en/").content.decode()
    return int(re.search(r"<strong>([\d,]+)</strong> published practice", html)[1].replace(",", ""))


def assert_answers_in(assert_num_queries, client, url, *counts, warm=False):
    """``url`` answers 200 in ``counts[0]`` queries, then (answered again) in ``counts[1]``,
    and so on; ``warm``: after one request of it that is not counted."""
    if warm:
        client.get(url)
    for count in counts:
        with assert_num_queries(count):
            assert client.get(url).status_code == 200
