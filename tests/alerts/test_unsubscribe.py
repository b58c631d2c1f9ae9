"""Every alert email: RFC 8058 one-click unsubscribe with a signed link that needs no sign-in,
and a manage link."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from alerts import digests
from alerts.models import Subscription
from tests import factories
from tests.alerts.factories import published_practice, saved_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest(db, mailoutbox, django_capture_on_commit_callbacks):
    theme = factories.ThemeFactory(slug="remittances")
    subscription = saved_search("theme=remittances", email="reader@example.org")
    published_practice(themes=[theme])
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests("daily")
    [email] = mailoutbox
    return subscription, email


def unsubscribe_path(email):
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    return re.sub(r"^https?://[^/]+", "", header[1:-1])


def test_every_digest_carries_the_one_click_unsubscribe_headers(digest):
    _subscription, email = digest
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    message = email.message()
    assert message["List-Unsubscribe"].startswith("<http")
    assert unsubscribe_path(email) in email.body
    assert "/alerts/manage/" in email.body


def test_the_signed_link_asks_first_then_unsubscribes_without_a_sign_in(client, digest):
    subscription, email = digest
    path = unsubscribe_path(email)
    page = client.get(path)
    assert page.status_code == 200 and "<form" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None
    assert client.post(path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert not Subscription.objects.confirmed().exists()


def test_a_mail_client_one_click_post_needs_no_csrf_token(digest):
    subscription, email = digest
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(email),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_a_tampered_link_is_refused_and_changes_nothing(client, digest):
    subscription, email = digest
    path = unsubscribe_path(email)
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = path.replace(token, token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    assert client.post(forged).status_code == 400
    other = reverse("alerts:unsubscribe", kwargs={"token": "eyJzIjoxfQ:forged:signature"})
    assert client.post(other).status_code == 400
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None


def test_the_manage_link_lists_the_address_alerts_without_a_sign_in(client, digest):
    subscription, email = digest
    path = re.search(r"https?://[^/\s]+(/\S*/alerts/manage/\S+)", email.body).group(1)
    page = client.get(path)
    assert page.status_code == 200
    assert subscription.label in page.content.decode()
    client.post(path, {"subscription": subscription.pk, "action": "delete"})
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert client.get(path.replace("/manage/", "/manage/x")).status_code == 400
