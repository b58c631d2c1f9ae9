"""Production settings: Django's deployment checks pass, and secrets are required."""

import secrets

from tests.support import run_manage


def test_check_deploy_is_clean_in_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gfmd.example.org",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="gfmd.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_demo_accounts_are_refused_outside_debug():
    result = run_manage(
        "create_demo_accounts",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gfmd.example.org",
        DATABASE_URL="sqlite:///:memory:",
        ALLOW_LOCAL_CACHE="1",
    )
    assert result.returncode != 0
    assert "development only" in result.stderr
