"""Saving a search or following a topic: signed-in at once, by email with double opt-in."""

import pytest
from django.urls import reverse

from alerts.models import Subscription
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def remittances(db):
    return factories.ThemeFactory(name="Remittances", slug="remittances")


def test_the_search_page_offers_alert_me_with_its_own_parameters(client, remittances):
    page = client.get(reverse("practices:practice_list"), {"theme": "remittances", "q": "bonds"})
    html = page.content.decode()
    assert reverse("alerts:subscribe") + "?theme=remittances&amp;q=bonds" in html


@pytest.mark.parametrize(
    ("page", "query"),
    [
        (lambda: factories.ThemeFactory(slug="t1"), "theme=t1"),
        (lambda: factories.PillarFactory(slug="p1"), "pillar=p1"),
        (lambda: factories.StateFactory(slug="s1"), "state=s1"),
        (lambda: factories.RegionalBodyFactory(slug="b1"), "body=b1"),
    ],
)
def test_theme_pillar_state_and_body_pages_offer_follow(client, page, query):
    obj = page()
    html = client.get(obj.get_absolute_url()).content.decode()
    assert f"{reverse('alerts:subscribe')}?{query}" in html


def test_a_signed_in_reader_saves_a_search_confirmed_at_once_and_manages_it(
    client, remittances, mailoutbox
):
    reader = factories.UserFactory()
    client.force_login(reader)
    url = reverse("alerts:subscribe") + "?theme=remittances&q=diaspora+bonds&page=2"
    form = client.get(url)
    assert "Theme: Remittances · Words: diaspora bonds" in form.content.decode()
    response = client.post(url, {"frequency": "weekly"})
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.user == reader and subscription.confirmed_at is not None
    assert subscription.query == "q=diaspora+bonds&theme=remittances"  # no page, sorted
    assert subscription.criteria["selections"] == {"theme": [remittances.pk]}
    assert mailoutbox == []
    manage = client.get(reverse("alerts:manage_account"))
    assert "Theme: Remittances" in manage.content.decode()
    client.post(
        reverse("alerts:manage_account"),
        {"subscription": subscription.pk, "action": "update", "frequency": "immediate"},
    )
    subscription.refresh_from_db()
    assert subscription.frequency == "immediate"
    client.post(
        reverse("alerts:manage_account"), {"subscription": subscription.pk, "action": "delete"}
    )
    assert not Subscription.objects.confirmed().exists()


def test_the_manage_page_needs_a_sign_in(client):
    response = client.get(reverse("alerts:manage_account"))
    assert response.status_code == 302


def test_without_an_account_a_confirmation_email_comes_first(
    client, remittances, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("alerts:subscribe") + "?theme=remittances"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"frequency": "daily", "email": "Someone@Example.org"})
    assert response.status_code == 200
    assert "someone@example.org" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert not Subscription.objects.confirmed().exists()
    [email] = mailoutbox
    assert email.to == ["someone@example.org"]
    confirm_url = reverse("alerts:confirm", kwargs={"token": subscription.token})
    assert confirm_url in email.body
    # A link scanner's GET confirms nothing; the button does.
    assert client.get(confirm_url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(confirm_url).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_a_malformed_address_is_refused_and_what_was_typed_is_kept(client, remittances):
    url = reverse("alerts:subscribe") + "?theme=remittances"
    response = client.post(url, {"frequency": "daily", "email": "not-an-address"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert "Enter a valid email address." in html
    assert not Subscription.objects.exists()


def test_a_search_the_filterset_refuses_cannot_be_saved(client):
    response = client.get(reverse("alerts:subscribe") + "?gcm=abc&theme=no-such-theme")
    assert response.status_code == 400
    assert "gcm" in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_wrong_confirmation_token_is_a_404(client):
    assert client.get(reverse("alerts:confirm", kwargs={"token": "nope"})).status_code == 404
