"""Password reset by email, with the same password rules as everywhere."""

import re

import pytest
from django.core import mail

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_reset_link_is_emailed_and_sets_a_new_password(client, submitter):
    response = client.post("/en/accounts/password_reset/", {"email": submitter.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/en/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )
    assert response.status_code == 302
    submitter.refresh_from_db()
    assert submitter.check_password("another-long-passphrase")
    assert not submitter.check_password(TEST_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post("/en/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
