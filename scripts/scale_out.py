"""Scale-out rehearsal on this machine: two app servers behind HAProxy, shared state, checks.

Usage (PostgreSQL and Redis running on 127.0.0.1; haproxy, wrk and '.[scale]' installed):

    python scripts/scale_out.py --database gfmd_scale_out --redis-url redis://127.0.0.1:6379/15

It creates a fresh database (migrate, load_default_data, optionally ``generate_practices``), starts
an S3-compatible object store (moto's server), a Celery worker, two gunicorn app servers (A and B)
and HAProxy, all on 127.0.0.1, every process with its own log in a temporary folder. Then each
check prints PASS or FAIL: a reader's session holds across both servers, an attachment uploaded
on A is in the bucket and downloads on B, an approval on A shows at once on B's public page,
search and API (the shared Redis cache), the Celery worker delivered the notices; then the load
mix of ``scripts/load_test.py`` runs through the balancer with one app server, then with two.
Everything is stopped and the database dropped at the end, also on a failure or Ctrl-C; every
wait is bounded. The Redis database given is flushed: give the rehearsal one of its own.
Exit status 1 if any check fails.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import psycopg2
import redis
import requests
from psycopg2 import sql
from scale_out_checks import (
    BUCKET,
    ROOT,
    SLUG,
    TITLE,
    Failed,
    check_approval,
    check_session,
    check_upload,
    check_worker,
    run_load,
    wait_until,
)

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Run by ``manage.py shell`` on the migrated database (one process: Django starts once): the
# default data, a confirmed reader, the demo submitter's and moderator's passwords, and a
# draft of the submitter's State (Mexico) to work on.
SETUP = """
import os
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from practices.models import Pillar, Practice, Theme
from states.models import State

call_command("load_default_data")
if int(os.environ["SCALE_OUT_PRACTICES"]):
    call_command("generate_practices", int(os.environ["SCALE_OUT_PRACTICES"]))
call_command("create_demo_accounts")
password = os.environ["SCALE_OUT_PASSWORD"]
users = get_user_model().objects
reader = users.create_user("reader", "reader@example.org")
EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
for user in users.filter(username__in=["reader", "submitter", "moderator"]):
    user.set_password(password)
    user.save()
practice = Practice.objects.create(
    title=os.environ["SCALE_OUT_TITLE"], slug=os.environ["SCALE_OUT_SLUG"],
    lead_state=State.objects.get(iso2="MX"), pillar=Pillar.objects.order_by("pk").first(),
    summary="A practice made by the scale-out rehearsal.",
    description="It is uploaded to, submitted and approved across two app servers.",
    source_document="Scale-out rehearsal", status=Practice.Status.DRAFT, published_at=None,
    created_by=users.get(username="submitter"),
)
practice.themes.set(Theme.objects.order_by("pk")[:1])
print("PRACTICE", practice.pk)
"""

HAPROXY = """global
    maxconn 1024
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    option forwardfor
    option httpchk
    # A sync worker answers the check only once it is free: under load, well after the
    # default timeout (the check interval), and the server would be marked down for being busy.
    timeout check 10s
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
frontend one_server
    bind 127.0.0.1:{one}
    default_backend only_a
frontend two_servers
    bind 127.0.0.1:{two}
    default_backend a_and_b
# X-Served-By names the app server that answered: for the checks, harmless in production.
backend only_a
    balance roundrobin
    http-response set-header X-Served-By %s
    server a 127.0.0.1:{a} check inter 1s fall 3 rise 1
backend a_and_b
    balance roundrobin
    http-response set-header X-Served-By %s
    server a 127.0.0.1:{a} check inter 1s fall 3 rise 1
    server b 127.0.0.1:{b} check inter 1s fall 3 rise 1
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """The processes started here, each in its own session and with its own log file."""

    def __init__(self, folder):
        self.folder = folder
        self.running = {}

    def start(self, name, command, env):
        log = (self.folder / f"{name}.log").open("wb")
        self.running[name] = subprocess.Popen(  # noqa: S603 - our own commands
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def log(self, name):
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def check_alive(self):
        for name, process in self.running.items():
            if process.poll() is not None:
                tail = "\n".join(self.log(name).splitlines()[-20:])
                raise Failed(f"{name} exited with status {process.returncode}:\n{tail}")

    def stop_all(self):
        for process in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


def manage(*arguments, env, timeout):
    """``manage.py`` with the rehearsal's environment; its output, or ``Failed`` with it."""
    command = [sys.executable, "manage.py", *arguments]
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - our own command
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise Failed(f"manage.py {arguments[0]} failed:\n{result.stdout[-2000:]}{result.stderr}")
    print(f"  manage.py {arguments[0]}: {time.monotonic() - started:.0f} s", flush=True)
    return result.stdout


def start(rig, args, env):
    """Database, object store, worker, app servers and balancer; ``rig`` gains their
    addresses."""
    processes, folder = rig["processes"], rig["folder"]
    ports = {name: free_port() for name in ("s3", "a", "b", "one", "two")}
    processes.start(
        "moto",
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(ports["s3"])],
        env,
    )
    env["AWS_S3_ENDPOINT_URL"] = f"http://127.0.0.1:{ports['s3']}"
    rig["s3"] = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    wait_until(
        lambda: socket.create_connection(("127.0.0.1", ports["s3"]), 1).close() is None,
        what="moto",
        timeout=30,
        processes=processes,
    )
    rig["s3"].create_bucket(Bucket=BUCKET)
    setup_env = {**env, "DEBUG": "1", "SCALE_OUT_PRACTICES": str(args.practices)}
    print("Migrating (and collecting the static files meanwhile)...", flush=True)
    with ThreadPoolExecutor(1) as pool:
        static = pool.submit(manage, "collectstatic", "--no-input", "-v0", env=env, timeout=300)
        manage("migrate", "--no-input", env=setup_env, timeout=600)
        static.result()
    # The servers boot while the data loads: nothing reads the database before a request.
    celery = [sys.executable, "-m", "celery", "-A", "gfmd_platform", "worker", "--pool=solo"]
    processes.start("celery", [*celery, "--loglevel=INFO", "--without-gossip"], env)
    for name in ("a", "b"):
        server_env = {**env, "PORT": str(ports[name]), "WEB_CONCURRENCY": str(args.workers)}
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gfmd_platform/gunicorn.conf.py"]
        processes.start(f"gunicorn-{name}", gunicorn, server_env)
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY.format(**ports))
    processes.start("haproxy", [args.haproxy, "-db", "-f", str(config)], env)
    print("Loading the default data and the accounts...", flush=True)
    created = manage("shell", "-c", SETUP, env=setup_env, timeout=600 + args.practices // 10)
    rig["practice"] = int(re.search(r"PRACTICE (\d+)", created).group(1))
    for name in ("a", "b", "one", "two"):
        rig[name] = f"http://127.0.0.1:{ports[name]}"
        wait_until(
            lambda base=rig[name]: requests.get(f"{base}/healthz", timeout=2).status_code == 200,
            what=f"{name} answering /healthz",
            timeout=90,
            processes=processes,
        )
    wait_until(
        lambda: "ready" in processes.log("celery"), what="celery", timeout=60, processes=processes
    )


def database(args, statement):
    conn = psycopg2.connect(dsn=f"{args.postgres.rstrip('/')}/postgres", connect_timeout=5)
    try:
        conn.autocommit = True  # CREATE and DROP DATABASE refuse to run in a transaction
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(args.database)))
    finally:
        conn.close()


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="gfmd_scale_out", help="created, then dropped")
    parser.add_argument("--recreate", action="store_true", help="drop the database first")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15", help="flushed")
    parser.add_argument("--practices", type=int, default=0, help="synthetic practices to add")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--duration", type=int, default=20, help="seconds per load phase")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--phases", nargs="+", default=["mixed"], help="load_test.py phases")
    parser.add_argument("--checks-only", action="store_true", help="no load phase")
    parser.add_argument("--keep-logs", action="store_true", help="also when everything passed")
    parser.add_argument("--haproxy", default=shutil.which("haproxy") or "/usr/sbin/haproxy")
    args = parser.parse_args(argv)
    for url in (args.postgres, args.redis_url):
        if urllib.parse.urlsplit(url).hostname not in LOOPBACK:
            parser.error(f"{url}: the rehearsal runs on this machine only (127.0.0.1)")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database: lower-case letters, digits and underscores")
    if not 1 <= args.duration <= 120:
        parser.error("--duration must be between 1 and 120 seconds")
    if not Path(args.haproxy).exists():
        parser.error("haproxy is missing: apt-get install haproxy")
    return args


def main(argv=None):
    args = parse_args(argv)
    # A SIGTERM ends the run as Ctrl-C does: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="gfmd-scale-out-"))
    rig = {
        "folder": folder,
        "processes": Processes(folder),
        "password": secrets.token_urlsafe(),
        "redis_url": args.redis_url,
    }
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": f"{args.postgres.rstrip('/')}/{args.database}",
        "REDIS_URL": args.redis_url,
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_ACCESS_KEY_ID": "scale-out",
        "AWS_SECRET_ACCESS_KEY": "scale-out",
        "AWS_S3_REGION_NAME": "us-east-1",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "API_ANON_RATE": "100000000/minute",
        "SCALE_OUT_PASSWORD": rig["password"],
        "SCALE_OUT_TITLE": TITLE,
        "SCALE_OUT_SLUG": SLUG,
    }
    env.pop("CELERY_BROKER_URL", None)
    checks = [check_session, check_upload, check_approval, check_worker]
    failures = 0
    created = False
    try:
        if args.recreate:
            database(args, "DROP DATABASE IF EXISTS {} WITH (FORCE)")
        database(args, "CREATE DATABASE {}")
        created = True
        redis.Redis.from_url(args.redis_url).flushdb()
        start(rig, args, env)
        print(f"Running: A {rig['a']}, B {rig['b']}, balancer {rig['two']} (A only: {rig['one']})")
        for check in checks + ([] if args.checks_only else [lambda rig: run_load(rig, args)]):
            name = getattr(check, "__doc__", None) or "Load mix through the balancer, 1 then 2"
            try:
                print(f"PASS {name.splitlines()[0]} ({check(rig)})", flush=True)
            except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
                failures += 1
                print(f"FAIL {name.splitlines()[0]}: {error}", flush=True)
    except Exception as error:  # noqa: BLE001 - reported, then everything is stopped
        failures += 1
        print(f"FAIL set-up: {error!r}", flush=True)
    finally:
        rig["processes"].stop_all()
        if created:
            database(args, "DROP DATABASE IF EXISTS {} WITH (FORCE)")
        if failures or args.keep_logs:
            print(f"Logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
