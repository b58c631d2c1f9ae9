"""Reading settings from the environment, and the cache settings, shared by ``settings`` and
the tests (which point the cache at a test Redis with ``cache_settings``)."""

import os

# Seconds a cached read lives (core.cache.lifetime).
CACHE_TIMEOUT = int(os.environ.get("CACHE_TIMEOUT", "300"))


def env_bool(name, default=False):
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated list from the environment, dropping empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_seconds(name, default):
    """Read a duration: plain seconds ("3600") or hours ("12h")."""
    value = os.environ.get(name, "").strip().lower() or default
    if value.endswith("h"):
        return int(float(value[:-1]) * 3600)
    return int(value)


def cache_settings(redis_url):
    """The default cache: Redis at ``redis_url``, or this process's memory when it is empty."""
    if not redis_url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gfmd",
            "TIMEOUT": CACHE_TIMEOUT,
        }
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "gfmd",
        "TIMEOUT": CACHE_TIMEOUT,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "COMPRESSOR": "core.cache.LargeValueCompressor",
        },
    }
