"""Security headers: a strict CSP everywhere, loosened only for the API documentation pages."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests import factories

ROOT = Path(__file__).resolve().parents[2]
STRICT = "script-src 'self';"
DEVELOPMENT_ONLY = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_every_response_carries_the_strict_policy(client):
    csp = client.get("/healthz")["Content-Security-Policy"]
    assert STRICT in csp
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "base-uri 'self'" in csp
    assert "img-src 'self' data:" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_public_pages_carry_the_strict_policy(client):
    response = client.get("/en/practices/")
    assert STRICT in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_swagger_page_alone_may_run_its_inline_start_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert STRICT in client.get("/api/v1/practices/")["Content-Security-Policy"]


def test_check_deploy_is_clean_with_every_operational_option_on():
    env = {k: v for k, v in os.environ.items() if k not in DEVELOPMENT_ONLY}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gfmd.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
        DATABASE_REPLICA_URL="postgres://reader@127.0.0.1:5432/replica",
        AWS_STORAGE_BUCKET_NAME="gfmd-uploads",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.mark.browser
@pytest.mark.slow
def test_public_pages_run_under_the_policy_without_violations(page, live_server):
    violations = _csp_violations(page)
    page.goto(f"{live_server.url}/en/practices/")
    page.wait_for_load_state("networkidle")
    assert violations == []


@pytest.mark.browser
@pytest.mark.slow
def test_swagger_ui_still_works_under_its_policy(page, live_server):
    violations = _csp_violations(page)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert violations == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_admin_runs_under_the_policy_without_violations(page, live_server, admin_user):
    violations = _csp_violations(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", factories.TEST_PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/practices/practice/add/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#practice_form").count() == 1
    assert violations == []
