"""Partner tokens: issued in the admin and shown once, stored hashed, refused once revoked;
anonymous clients and partners are throttled at their own rates, with Retry-After."""

import re

import pytest

from partners.models import PartnerToken, hash_token

pytestmark = pytest.mark.django_db


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_valid_token_authenticates_as_its_user(client, world, partner_key, partner_user):
    response = client.get("/api/v1/practices/", **auth(partner_key))

    assert response.status_code == 200
    token = PartnerToken.objects.get(user=partner_user)
    assert token.last_used_at is not None


def test_bearer_keyword_works_too(client, world, partner_key):
    response = client.get("/api/v1/themes/", HTTP_AUTHORIZATION=f"Bearer {partner_key}")

    assert response.status_code == 200


def test_revoked_token_is_refused_with_401(client, world, partner_key):
    PartnerToken.objects.get().revoke()

    response = client.get("/api/v1/practices/", **auth(partner_key))

    assert response.status_code == 401
    assert response.json() == {"detail": "Unknown or revoked API token.", "code": "invalid_token"}
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("header", ["Token not-a-real-key", "Token", "Token a b", "Bearer \xe9"])
def test_unknown_or_malformed_token_is_refused_with_401(client, db, header):
    response = client.get("/api/v1/themes/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["code"] in {"invalid_token", "authentication_failed"}


def test_token_of_a_deactivated_user_is_refused(client, db, partner_key, partner_user):
    partner_user.is_active = False
    partner_user.save()

    assert client.get("/api/v1/themes/", **auth(partner_key)).status_code == 401


def test_only_the_hash_of_a_key_is_stored(partner_key):
    token = PartnerToken.objects.get()

    assert token.key_hash == hash_token(partner_key)
    assert partner_key not in {token.key_hash, token.prefix, token.name}
    assert partner_key.startswith(token.prefix)


def test_admin_issues_a_token_and_shows_the_key_once(client, admin_user, partner_user):
    client.force_login(admin_user)

    response = client.post(
        "/admin/partners/partnertoken/add/", {"name": "UNDP portal", "user": partner_user.pk}
    )

    assert response.status_code == 200
    key = re.search(r'value="(gfmd_[^"]+)"', response.content.decode()).group(1)
    assert "no-store" in response["Cache-Control"]
    token = PartnerToken.objects.get(name="UNDP portal")
    assert token.key_hash == hash_token(key)
    assert token.created_by == admin_user
    change_page = client.get(f"/admin/partners/partnertoken/{token.pk}/change/")
    assert key not in change_page.content.decode()
    client.logout()
    assert client.get("/api/v1/themes/", **auth(key)).status_code == 200


def test_admin_revokes_tokens_with_an_action(client, admin_user, partner_key):
    client.force_login(admin_user)
    token = PartnerToken.objects.get()

    client.post(
        "/admin/partners/partnertoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
    )
    client.logout()

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/themes/", **auth(partner_key)).status_code == 401


def test_anonymous_clients_are_throttled_per_ip_with_retry_after(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "partner": "10/minute"},
    }

    statuses = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    other_ip = client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.9")

    assert statuses == [200, 200, 200, 429]
    throttled = client.get("/api/v1/themes/")
    assert throttled.json()["code"] == "throttled"
    assert 0 < int(throttled["Retry-After"]) <= 60
    assert other_ip.status_code == 200


def test_partner_token_gets_its_own_higher_rate(client, db, settings, partner_key):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "partner": "5/minute"},
    }

    anonymous = [client.get("/api/v1/themes/").status_code for _ in range(3)]
    partner = [client.get("/api/v1/themes/", **auth(partner_key)).status_code for _ in range(6)]

    assert anonymous == [200, 200, 429]
    assert partner == [200] * 5 + [429]


def test_each_token_is_counted_separately(client, db, settings, partner_key, partner_user):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "partner": "2/minute"},
    }
    _token, second_key = PartnerToken.issue(user=partner_user, name="Second system")

    first = [client.get("/api/v1/themes/", **auth(partner_key)).status_code for _ in range(3)]
    second = client.get("/api/v1/themes/", **auth(second_key))

    assert first == [200, 200, 429]
    assert second.status_code == 200
