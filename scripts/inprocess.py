"""Django set up in this process as production runs it, for the scripts that time pages.

``benchmark_search.py`` and ``profile_pages.py`` import this first: DEBUG off (no SQL logging),
production's settings minus HTTPS redirects, and a test client that renders pages without a
``collectstatic`` manifest.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd_platform.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# One process: its own cache is enough (production proper requires REDIS_URL).
os.environ.setdefault("ALLOW_LOCAL_CACHE", "1")
# Requests are timed back to back: no rate limit for this process.
os.environ.setdefault("API_ANON_RATE", "1000000/minute")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402


def client():
    """A test client for this process's pages (static files served unhashed)."""
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return Client()


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
