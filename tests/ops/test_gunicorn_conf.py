"""gunicorn takes its worker count and port from the environment."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gfmd_platform" / "gunicorn.conf.py"


def test_workers_and_bind_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("PORT", "9100")
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
