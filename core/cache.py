"""Caching of expensive public reads: every key builder, every lifetime and the one flush.

Every key built by ``cached`` embeds the current *public version*; ``public_content_changed``
(called by the workflow's publish hook and by the deletion receiver) sets a new one, so every
cached public value becomes unreachable at once and expires on its own. With Redis
(``REDIS_URL``) the version is shared by all app servers; with the in-process cache each process
has its own, so other processes see a publication only when their entries time out: keep
``CACHE_TIMEOUT`` short.

Keys are built here only, by the ``*_key`` functions below (as zulip's ``zerver/lib/cache.py``
keeps every ``*_cache_key`` together), so that two readers never build the same key apart.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_redis.compressors.zlib import ZlibCompressor

VERSION_KEY = "public-version"
KEPT_TABLES_KEY = "kept-tables-version"
_MAX_KEY_LENGTH = 200


def lifetime():
    """How long, in seconds, a public read is kept: ``settings.CACHE_TIMEOUT``.

    Read at each call, so that a changed setting (``override_settings`` among others) applies
    at once. It bounds how long another process may show what a publication replaced.
    """
    return settings.CACHE_TIMEOUT


# Keys -------------------------------------------------------------------------------------


def home_counts_key():
    """The home page's headline and per-theme/per-region/per-State counts (``:2``: the
    per-State rows were added; an entry of the old shape lacks them)."""
    return "home-counts:2"


def home_page_key(language):
    """The home page's rendered content (counts, map, latest practices), in one language."""
    return f"home-page:{language}"


def world_map_key(language):
    """The rendered world map of practices per State, in one language (its links and names)."""
    return f"world-map:{language}"


def search_page_key(language, query_string):
    """The search page's rendered facets and results for one address and language."""
    return f"search-page:{language}:{query_string}"


# The search engine's answers are keyed by ``selection``: the tuple of criteria that decide
# which practices match (words, facet values, body, years), hashed.


def search_facets_key(selection):
    """The total and every facet's counts of a search: shared by its pages and orders."""
    return _search_key("search-facets", selection)


def search_count_key(selection):
    """The hit count of a search, when its facets were not counted."""
    return _search_key("search-count", selection)


def search_ids_key(selection, ordering, offset, limit):
    """The ids of one page of a search's results, in ``ordering``."""
    return _search_key("search-ids", (*selection, ordering, offset, limit))


def practice_article_key(practice, language, host):
    """A published practice's rendered article: its citation holds the absolute URL, hence
    the host; a save (``version``) gives a new key even without a publication, and so does
    any change of the row (``updated_at``: its State's answer to the currency check)."""
    changed = practice.updated_at.timestamp() if practice.updated_at else ""
    return f"practice-article:{practice.pk}:{practice.version}:{changed}:{language}:{host}"


def practice_record_key(practice, language):
    """A published practice's versions and theme names (its citation's and metadata's
    facts); a save (``version``) gives a new key even without a publication."""
    return f"practice-record:{practice.pk}:{practice.version}:{language}"


def practice_translation_key(practice, language):
    """The published translation of a practice into one language (or none); a publication
    of a translation moves the practice's ``updated_at``, hence the key."""
    changed = practice.updated_at.timestamp() if practice.updated_at else ""
    return f"practice-translation:{practice.pk}:{changed}:{language}"


def api_count_key(filters):
    """The number of published practices an API listing holds, shared by each of its pages
    and orders: ``filters`` are the (name, value) pairs that choose the practices."""
    return "api-count:" + urlencode(sorted(filters))


def api_list_key(origin, language, latest_change, full_path):
    """A whole API list answer for readers of published practices. ``latest_change`` moves
    with any save or deletion of a public practice, so the answer never outlives one."""
    stamp = latest_change and latest_change.isoformat()
    return f"api-list:{origin}:{language}:{stamp}:{full_path}"


def api_practice_key(host, language, pk, updated_at):
    """One practice's API representation; a save (``updated_at``) gives a new key."""
    return f"api-practice:{host}:{language}:{pk}:{updated_at.timestamp()}"


# Reads ------------------------------------------------------------------------------------


def cached(key, compute):
    """Return ``compute()``, cached under ``key`` until the next publication, and at most
    ``lifetime()`` seconds.

    ``compute`` must not return None (None reads as a miss). When the cache is unreachable this
    simply calls ``compute`` each time.
    """
    full_key = _full_key(public_version(), key)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, lifetime())
    return value


def peek(key):
    """The value ``cached`` holds under ``key`` for the current public version, or None."""
    return cache.get(_full_key(public_version(), key))


def cached_many(keys, compute):
    """``cached`` for many values in two round trips: ``keys`` maps names to cache keys, and
    ``compute(missing names)`` returns ``{name: value}`` for those not cached."""
    version = public_version()
    full_keys = {name: _full_key(version, key) for name, key in keys.items()}
    found = cache.get_many(list(full_keys.values()))
    values = {name: found[key] for name, key in full_keys.items() if key in found}
    missing = [name for name in keys if name not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({full_keys[name]: value for name, value in computed.items()}, lifetime())
        values.update(computed)
    return values


# Flushes ----------------------------------------------------------------------------------


def public_version():
    """The current public version, created on first use."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        # Another process may have won the race to create it; theirs is the one to use.
        version = cache.get(VERSION_KEY) or 0
    return version


def bump_public_version():
    """Make every value cached with ``cached`` stale, now."""
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def public_content_changed():
    """Announce that what the public reads has changed: every cached public read is stale
    now, and again once the surrounding transaction commits (a request in between may have
    cached what it read of the old rows)."""
    bump_public_version()
    transaction.on_commit(bump_public_version)


def kept_tables_version():
    """The stamp of the last write to a small table each process keeps in memory
    (``practices.relations``), or None when none is known (never written, or flushed)."""
    return cache.get(KEPT_TABLES_KEY)


def kept_tables_changed():
    """Tell every process sharing the cache to load its kept tables again: now, and once the
    surrounding transaction commits (another process may load the old rows in between)."""

    def stamp():
        cache.set(KEPT_TABLES_KEY, _new_version(), timeout=None)

    stamp()
    transaction.on_commit(stamp)


class LargeValueCompressor(ZlibCompressor):
    """Redis values compressed when large: rendered search results and API list answers (tens
    of KB of repetitive text) shrink ~10x; small ones are left alone, as compressing each
    practice's representation cost more than storing it (5 ms of an API request at level 6)."""

    min_length = 8192
    preset = 1


def _new_version():
    # Time-based rather than a counter: a version lost with an evicted or flushed key can
    # never come back and make old entries current again.
    return time.time_ns()


def _search_key(kind, selection):
    return f"{kind}:" + hashlib.sha256(repr(tuple(selection)).encode()).hexdigest()


def _full_key(version, key):
    if len(key) > _MAX_KEY_LENGTH:
        key = hashlib.sha256(key.encode()).hexdigest()
    return f"public:{version}:{key}"
