"""Sign-in locks (ASVS V2.2.1): keyed on the real client address and the username, so a forged
header cannot lock the real user out; one address trying many usernames is slowed down; the
locked-out page says when to try again."""

import re

import pytest
from django.core.cache import cache

from tests import factories
from tests.factories import TEST_PASSWORD

LOGIN = "/en/accounts/login/"
PROXY = "10.0.0.2"
WRONG = "wrong-password-123"


def sign_in(client, username, password=WRONG, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def test_failures_with_a_forged_header_do_not_lock_the_real_user(client, submitter, settings):
    """Behind the load balancer everyone connects from its address. The attacker writes the
    user's address into X-Forwarded-For; the balancer appends the attacker's own. The failures
    count against the attacker's address, and the user signs in."""
    settings.TRUSTED_PROXIES = [PROXY]
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.10, 198.51.100.66"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, submitter.username, **forged)
    assert sign_in(client, submitter.username, **forged).status_code == 429
    user = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    assert sign_in(client, submitter.username, TEST_PASSWORD, **user).status_code == 302


def test_behind_a_trusted_proxy_the_lock_is_per_real_client(client, submitter, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, submitter.username, **attacker)
    assert sign_in(client, submitter.username, **attacker).status_code == 429
    user = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    assert sign_in(client, submitter.username, TEST_PASSWORD, **user).status_code == 302


def test_one_address_trying_many_usernames_is_refused_whatever_the_username(client, db, settings):
    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    users = factories.UserFactory.create_batch(3)
    statuses = [sign_in(client, f"nobody{n}").status_code for n in range(limit)]
    assert statuses == [200] * limit
    # Even a right password for a fresh account is refused from this address now.
    assert sign_in(client, users[0].username, TEST_PASSWORD).status_code == 429
    # Another address is not concerned.
    other = sign_in(client, users[1].username, TEST_PASSWORD, REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 302


def test_the_probes_120_failed_sign_ins_over_30_usernames_are_slowed(client, db, settings):
    """The independent probe's run: 4 wrong passwords for each of 30 usernames from one
    address. Past the address limit every further attempt is refused."""
    usernames = [user.username for user in factories.UserFactory.create_batch(30)]
    statuses = [sign_in(client, name).status_code for _round in range(4) for name in usernames]

    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    assert statuses[:limit] == [200] * limit
    assert set(statuses[limit:]) == {429}


def test_the_address_lock_ends_with_its_window(client, db, settings):
    settings.SIGN_IN_ADDRESS_WINDOW = 1
    user = factories.UserFactory()
    for n in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"nobody{n}")
    assert sign_in(client, user.username, TEST_PASSWORD).status_code == 429
    cache.clear()  # the window's end, without waiting for it
    assert sign_in(client, user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_locked_out_page_says_when_to_try_again(client, submitter, language, settings):
    # The sign-in page is language-prefixed: the locked-out page answers in the page's language.
    login = f"/{language}/accounts/login/"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(login, {"username": submitter.username, "password": WRONG})
    assert response.status_code == 429
    html = response.content.decode()
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    assert re.search(rf"\b{minutes}\b", html)
    assert re.search(r"\b\d\d:\d\d UTC\b", html)
    expected = {"en": "Try again in", "fr": "Réessayez dans", "es": "Vuelva a intentarlo"}
    assert expected[language] in html
