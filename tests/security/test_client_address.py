"""Client addresses come from trusted proxies only (ASVS V11.1.4): a forged X-Forwarded-For
buys no fresh API allowance, and a forged X-Forwarded-Proto does not make a request secure."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.net import ForwardedProtoMiddleware, client_ip

ROOT = Path(__file__).resolve().parents[2]
THEMES = "/api/v1/themes/"
PROXY = "10.0.0.2"


@pytest.fixture
def anon_rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "partner": "10/minute"},
    }


def test_a_new_forwarded_for_value_gets_no_fresh_allowance(client, db, anon_rate):
    for _request in range(3):
        assert client.get(THEMES).status_code == 200
    assert client.get(THEMES).status_code == 429
    forged = [
        client.get(THEMES, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(5)
    ]
    assert forged == [429] * 5


def test_a_trusted_proxys_forwarded_for_is_honoured(client, db, anon_rate, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    via_proxy = {"REMOTE_ADDR": PROXY}
    for _request in range(3):
        client.get(THEMES, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    assert client.get(THEMES, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy).status_code == 429
    # Another client behind the same proxy has its own allowance.
    assert client.get(THEMES, HTTP_X_FORWARDED_FOR="198.51.100.8", **via_proxy).status_code == 200


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("198.51.100.1", "203.0.113.9", "198.51.100.1"),  # untrusted hop: header ignored
        (PROXY, "203.0.113.9", "203.0.113.9"),
        (PROXY, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # what the client wrote is left of it
        (PROXY, "203.0.113.9, 10.1.0.5", "203.0.113.9"),  # a second trusted hop is skipped
        (PROXY, "", PROXY),
        (PROXY, "not-an-address", PROXY),
        (PROXY, "203.0.113.9, garbage", PROXY),
    ],
)
def test_client_ip_walks_forwarded_for_from_the_right_over_trusted_hops(
    settings, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def scheme_seen(**headers):
    seen = {}

    def view(request):
        seen["secure"] = request.is_secure()
        return HttpResponse()

    ForwardedProtoMiddleware(view)(RequestFactory().get("/", **headers))
    return seen["secure"]


def test_a_forged_forwarded_proto_from_an_untrusted_client_is_not_secure(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert not scheme_seen(REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_PROTO="https")


def test_a_trusted_proxys_forwarded_proto_is_believed(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert scheme_seen(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert not scheme_seen(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="http")


PRODUCTION_PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/healthz", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="198.51.100.1")
print(settings.SECURE_PROXY_SSL_HEADER, response.wsgi_request.is_secure())
"""


def test_production_settings_do_not_believe_the_header_from_any_client():
    """With DEBUG off (where SECURE_PROXY_SSL_HEADER used to be set), from an untrusted client."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL"}}
    environment.update(
        DEBUG="0",
        SECRET_KEY="probe-only-not-a-secret",
        ALLOWED_HOSTS="testserver",
        ALLOW_LOCAL_CACHE="1",
        TRUSTED_PROXIES="10.0.0.2",
        DJANGO_SETTINGS_MODULE="gfmd_platform.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["None", "False"]
