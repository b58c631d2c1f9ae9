"""django-axes still sees every failed sign-in when readers sign in by email address."""

import pytest

from tests.conversations.factories import ReaderFactory
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_wrong_passwords_by_email_address_lock_the_account_out(client, settings):
    reader = ReaderFactory(email="locked.reader@readers.example")
    statuses = [
        client.post(
            "/en/accounts/login/", {"username": reader.email, "password": "wrong password 1"}
        ).status_code
        for _attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The failure that reaches the limit is answered with the locked-out page already.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post(
        "/en/accounts/login/", {"username": reader.email, "password": TEST_PASSWORD}
    )
    assert locked.status_code == 429
