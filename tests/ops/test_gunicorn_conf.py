"""gunicorn takes its worker count, port and trusted proxies from the environment."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gfmd_platform" / "gunicorn.conf.py"


def test_workers_and_bind_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("PORT", "9100")
    monkeypatch.setenv("HOST", "0.0.0.0")  # noqa: S104
    conf = runpy.run_path(str(CONF))
    assert conf["workers"] == 3
    assert conf["bind"] == "0.0.0.0:9100"
    assert conf["wsgi_app"] == "gfmd_platform.wsgi:application"


def test_defaults_scale_with_the_cpus(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    conf = runpy.run_path(str(CONF))
    assert conf["workers"] >= 3
    assert conf["bind"].endswith(":8000")


def test_it_listens_on_the_loopback_only_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    assert runpy.run_path(str(CONF))["bind"] == "127.0.0.1:8000"


def test_forwarded_headers_are_believed_from_the_trusted_proxies_only(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert runpy.run_path(str(CONF))["forwarded_allow_ips"] == ""
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.2, 10.1.0.0/16")
    assert runpy.run_path(str(CONF))["forwarded_allow_ips"] == "10.0.0.2,10.1.0.0/16"
