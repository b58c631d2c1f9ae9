"""Counting events per key in the shared cache: "at most N in this window".

A fixed window per key: the first event starts it, later ones count within it. Works on every
cache backend (locmem in tests and development, Redis in production, where every worker sees
the same counts: the settings require a shared cache outside DEBUG).
"""

import hashlib
import time

from django.core.cache import cache


def _key(scope, ident):
    digest = hashlib.sha256(str(ident).lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope, ident, *, window):
    """Count one event for ``ident`` in ``scope``; return the count in the current window."""
    key = _key(scope, ident)
    if cache.add(key, 1, window):
        cache.set(f"{key}:start", time.time(), window)
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add and incr (or the cache is down): a new window.
        cache.set(key, 1, window)
        cache.set(f"{key}:start", time.time(), window)
        return 1


def count(scope, ident):
    """How many events ``ident`` had in the current window of ``scope``."""
    return cache.get(_key(scope, ident)) or 0


def allow(scope, ident, *, limit, window):
    """Count one event and say whether it is within ``limit`` per ``window`` seconds."""
    return hit(scope, ident, window=window) <= limit


def retry_after(scope, ident, *, window):
    """Seconds until the current window of ``ident`` in ``scope`` ends (0 when none runs)."""
    started = cache.get(f"{_key(scope, ident)}:start")
    if started is None:
        return 0
    return max(0, int(started + window - time.time()) + 1)
