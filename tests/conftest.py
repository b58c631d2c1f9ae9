"""Shared fixtures: users per role, and the browser set-up for end-to-end tests.

Test objects come from ``tests/factories.py``; the paper's default data is only used by the
tests that check the data itself.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import translation

from practices import readership, relations
from tests import factories
from tests.support import use_redis

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request can leave its language active on the thread (the API's ``?lang=`` activates
    one; the next request's middleware sets its own, so serving is unaffected), where the next
    test's ``reverse()`` would put its prefix on every address."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium: skip them, saying so, only outside CI."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must install chromium ({CHROMIUM} is missing)")
    skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM}: run `apt-get install chromium`")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 at full strength costs half a second per user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached public reads (and the small tables each process keeps, and the page views it has
    not written yet) must not outlive the test data they were read from."""
    cache.clear()
    relations.clear_kept_tables()
    readership.forget_pending_views()
    yield
    cache.clear()
    readership.forget_pending_views()


@pytest.fixture
def served_once():
    """``served_once(client, url)``: answer ``url`` once, then empty the shared cache.

    What a query count measures next is the first request after a publication (nothing cached)
    in a process that has served before: lookups made once per process (whether the RUM
    indexes exist, how a query's words parse) and the kept small tables are loaded already, so
    the count does not depend on which tests ran earlier in the same process.
    """

    def serve(client, url, **headers):
        response = client.get(url, **headers)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
        cache.clear()

    return serve


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def state(db):
    return factories.StateFactory()


@pytest.fixture
def other_state(db):
    return factories.StateFactory()


@pytest.fixture
def submitter(state):
    """A user who belongs to ``state``."""
    return factories.SubmitterFactory(states=[state])


@pytest.fixture
def other_submitter(other_state):
    """A user who belongs to a different State."""
    return factories.SubmitterFactory(states=[other_state])


@pytest.fixture
def moderator(db):
    user = factories.UserFactory()
    group, _created = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="moderate_practice"))
    user.groups.add(group)
    return user


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request, settings):
    """The test runs twice: with the in-process cache and with a real Redis (which every
    process shares)."""
    if request.param == "redis":
        use_redis(settings)
    cache.clear()
    yield request.param
    cache.clear()
