"""Caching of expensive public reads, invalidated all at once when anything is published.

Every key built by ``cached`` embeds the current *public version*; ``bump_public_version``
(called by the workflow after approving or archiving) sets a new one, so every cached public
value becomes unreachable at once and expires on its own. With Redis (``REDIS_URL``) the version
is shared by all app servers; with the in-process cache each process has its own, so other
processes see a publication only when their entries time out: keep timeouts short.
"""

import hashlib
import time

from django.core.cache import cache
from django_redis.compressors.zlib import ZlibCompressor

VERSION_KEY = "public-version"
_MAX_KEY_LENGTH = 200


def _new_version():
    # Time-based rather than a counter: a version lost with an evicted or flushed key can
    # never come back and make old entries current again.
    return time.time_ns()


def public_version():
    """The current public version, created on first use."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        # Another process may have won the race to create it; theirs is the one to use.
        version = cache.get(VERSION_KEY) or 0
    return version


def bump_public_version():
    """Make every value cached with ``cached`` stale: call it after publishing or unpublishing."""
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def cached(key, timeout, compute):
    """Return ``compute()``, cached under ``key`` for ``timeout`` seconds until the next bump.

    ``compute`` must not return None (None reads as a miss). When the cache is unreachable this
    simply calls ``compute`` each time.
    """
    full_key = _full_key(public_version(), key)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def peek(key):
    """The value ``cached`` holds under ``key`` for the current public version, or None."""
    return cache.get(_full_key(public_version(), key))


def cached_many(keys, timeout, compute):
    """``cached`` for many values in two round trips: ``keys`` maps names to cache keys, and
    ``compute(missing names)`` returns ``{name: value}`` for those not cached."""
    version = public_version()
    full_keys = {name: _full_key(version, key) for name, key in keys.items()}
    found = cache.get_many(list(full_keys.values()))
    values = {name: found[key] for name, key in full_keys.items() if key in found}
    missing = [name for name in keys if name not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({full_keys[name]: value for name, value in computed.items()}, timeout)
        values.update(computed)
    return values


class LargeValueCompressor(ZlibCompressor):
    """Redis values compressed when large: rendered search results and API list answers (tens
    of KB of repetitive text) shrink ~10x; small ones are left alone, as compressing each
    practice's representation cost more than storing it (5 ms of an API request at level 6)."""

    min_length = 8192
    preset = 1


def _full_key(version, key):
    if len(key) > _MAX_KEY_LENGTH:
        key = hashlib.sha256(key.encode()).hexdigest()
    return f"public:{version}:{key}"
