"""Production needs a cache every worker shares: request limits, sign-in locks, sending limits
and the public version live there, and a per-process cache gives each worker its own."""

import secrets

from tests.support import run_manage


def check(**env):
    return run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        drop={"REDIS_URL"},
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gfmd.example.org",
        **env,
    )


def test_production_refuses_to_start_without_redis():
    result = check()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL is not set" in result.stderr


def test_production_starts_with_redis_and_deploy_checks_are_clean():
    result = check(REDIS_URL="redis://127.0.0.1:6379/14")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_single_process_may_opt_out_explicitly():
    result = check(ALLOW_LOCAL_CACHE="1")
    assert result.returncode == 0, result.stdout + result.stderr
