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
import json
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
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
BUCKET = "gfmd-scale-out"
# A word no practice uses, so that a search for it finds the rehearsal's practice alone.
WORD = "quokkaline"
TITLE = f"Scale-out rehearsal: {WORD} remittance programme"
SLUG = "scale-out-rehearsal"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% scale-out rehearsal "

# Run by ``manage.py shell`` on the fresh database: a confirmed reader, the demo submitter's
# and moderator's passwords, and a draft of the submitter's State (Mexico) to work on.
SETUP = """
import os
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from practices.models import Pillar, Practice, Theme
from states.models import State

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
    server a 127.0.0.1:{a} check inter 1s fall 2 rise 1
backend a_and_b
    balance roundrobin
    http-response set-header X-Served-By %s
    server a 127.0.0.1:{a} check inter 1s fall 2 rise 1
    server b 127.0.0.1:{b} check inter 1s fall 2 rise 1
"""


class Failed(Exception):
    """A check (or the set-up) did not go as it should."""


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


def wait_until(condition, *, what, timeout, processes):
    """Poll ``condition`` until it is true, at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check_alive()
        try:
            if condition():
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.3)
    raise Failed(f"{what}: not ready after {timeout} s")


def manage(*arguments, env, timeout):
    """``manage.py`` with the rehearsal's environment; its output, or ``Failed`` with it."""
    command = [sys.executable, "manage.py", *arguments]
    result = subprocess.run(  # noqa: S603 - our own command
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise Failed(f"manage.py {arguments[0]} failed:\n{result.stdout[-2000:]}{result.stderr}")
    return result.stdout


class Client:
    """One browser: its cookies by name, sent back whatever their Secure flag (no TLS on the
    loopback; the app sets it on every cookie when DEBUG is off)."""

    def __init__(self):
        import requests

        self.http = requests.Session()
        self.http.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        self.cookies = {}

    def request(self, method, url, **options):
        response = self.http.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **options
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, url):
        return self.request("GET", url)

    def post(self, url, data=None, **options):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
        return self.request("POST", url, data=data, **options)

    def sign_in(self, base, username, password):
        self.get(f"{base}/en/accounts/login/")
        response = self.post(
            f"{base}/en/accounts/login/", {"username": username, "password": password}
        )
        if response.status_code != 302:
            raise Failed(f"{username} could not sign in on {base}: {response.status_code}")


class HiddenInputs(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.values = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def expect(response, status, what):
    if response.status_code != status:
        raise Failed(f"{what}: {response.status_code} instead of {status}")
    return response


def check_session(rig):
    """A reader signs in through the balancer; the next requests land on A and B, signed in."""
    reader = Client()
    reader.sign_in(rig["two"], "reader", rig["password"])
    served = []
    for _ in range(8):
        response = expect(reader.get(f"{rig['two']}/en/account/alerts/"), 200, "alerts page")
        if 'class="user-name" title="reader"' not in response.text:
            raise Failed("a page through the balancer did not know the reader")
        served.append(response.headers.get("X-Served-By"))
    if set(served) != {"a", "b"}:
        raise Failed(f"requests were served by {served}, not by both servers")
    return f"8 signed-in pages, served by {'/'.join(served)}"


def check_upload(rig):
    """The submitter uploads on A; the file is in the bucket and downloads on B."""
    submitter = rig["submitter"] = Client()
    submitter.sign_in(rig["a"], "submitter", rig["password"])
    content = PDF + secrets.token_hex(8).encode()
    status_page = f"/en/my-state/practices/{rig['practice']}/"
    upload = submitter.post(
        f"{rig['a']}{status_page}attachments/",
        {"title": "Rehearsal report"},
        files={"file": ("rehearsal.pdf", content, "application/pdf")},
    )
    expect(upload, 302, "upload on A")
    page = expect(submitter.get(f"{rig['a']}{status_page}"), 200, "status page on A").text
    found = re.search(r"/en/attachments/([0-9a-f-]{36})/", page)
    if not found:
        raise Failed("the status page lists no attachment")
    bucket = rig["s3"].list_objects_v2(Bucket=BUCKET).get("Contents", [])
    stored = [
        item["Key"]
        for item in bucket
        if rig["s3"].get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read() == content
    ]
    if not stored:
        raise Failed(f"the file is not in the bucket ({len(bucket)} objects)")
    download = expect(submitter.get(f"{rig['b']}{found.group(0)}"), 200, "download on B")
    if download.content != content:
        raise Failed("B served other bytes than were uploaded")
    return f"s3://{BUCKET}/{stored[0]}, {len(content)} bytes, downloaded on B"


def public_reads(base, client):
    """What B's public page, search page and search API say of the practice (cached reads)."""
    page = client.get(f"{base}/en/practices/{SLUG}/")
    search = client.get(f"{base}/en/practices/?q={WORD}")
    api = client.get(f"{base}/api/v1/practices/?q={WORD}").json()
    return {
        "page": page.status_code == 200 and TITLE in page.text,
        "search": TITLE in search.text,
        "api": api["count"] == 1 and api["results"][0]["slug"] == SLUG,
    }


def check_approval(rig):
    """Submitted and approved on A; B's public page, search and API show it at once."""
    reader = Client()
    before = public_reads(rig["b"], reader)
    if any(before.values()):
        raise Failed(f"B shows the practice before its approval: {before}")
    # Twice: the second time every answer comes from B's cache.
    public_reads(rig["b"], reader)
    practice = rig["practice"]
    submit = rig["submitter"].post(f"{rig['a']}/en/my-state/practices/{practice}/submit/")
    expect(submit, 302, "submission on A")
    moderator = Client()
    moderator.sign_in(rig["a"], "moderator", rig["password"])
    review = f"{rig['a']}/en/moderation/practices/{practice}/"
    form = HiddenInputs(expect(moderator.get(review), 200, "review page on A").text).values
    decision = moderator.post(review, {**form, "comment": "", "action": "approve"})
    expect(decision, 302, "approval on A")
    after = public_reads(rig["b"], reader)
    if not all(after.values()):
        raise Failed(f"B does not show the approved practice everywhere: {after}")
    return "B: page, search page and API showed it on the first request after the approval"


def check_worker(rig):
    """The Celery worker sent the moderators' notice of the submission (console backend)."""
    wait_until(
        lambda: "moderator@example.org" in rig["processes"].log("celery"),
        what="the moderators' notice in the worker's log",
        timeout=30,
        processes=rig["processes"],
    )
    return "the moderators' notice went out through the worker"


def load(rig, base, label, args):
    """The load mix of scripts/load_test.py through one of the balancer's frontends."""
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()  # start cold, as the load test's docs do
    output = rig["folder"] / f"load-{label}.json"
    command = [
        sys.executable,
        "scripts/load_test.py",
        f"--base-url={base}",
        f"--duration={args.duration}",
        f"--connections={args.connections}",
        "--only",
        *args.phases,
        f"--json={output}",
    ]
    timeout = (len(args.phases) + 1) * (args.duration + 30) + 120
    print(f"\nLoad with {label} ({' '.join(command[1:])})", flush=True)
    result = subprocess.run(command, cwd=ROOT, timeout=timeout, check=False)  # noqa: S603
    if not output.exists():
        raise Failed(f"load_test.py ended with status {result.returncode} and no figures")
    return json.loads(output.read_text()), result.returncode


def run_load(rig, args):
    one, one_status = load(rig, rig["one"], "one app server", args)
    two, two_status = load(rig, rig["two"], "two app servers", args)
    print("\n| phase | 1 server req/s | p95 ms | 2 servers req/s | p95 ms | ratio | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for phase, first in one.items():
        second = two[phase]
        print(
            f"| {phase} | {first['rps']:.1f} | {first['p95_ms']:.1f} | {second['rps']:.1f} | "
            f"{second['p95_ms']:.1f} | {second['rps'] / first['rps']:.2f}x | "
            f"{first['errors']} / {second['errors']} |"
        )
    if one_status or two_status:
        raise Failed("the load test reported errors")
    return "no errors"


def start(rig, args, env):
    """Database, object store, worker, app servers and balancer; ``rig`` gains their
    addresses."""
    processes, folder = rig["processes"], rig["folder"]
    ports = {name: free_port() for name in ("s3", "a", "b", "one", "two")}
    processes.start(
        "moto", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(ports["s3"])], env
    )
    env["AWS_S3_ENDPOINT_URL"] = f"http://127.0.0.1:{ports['s3']}"
    import boto3

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
    setup_env = {**env, "DEBUG": "1"}
    print("Migrating and loading the default data...", flush=True)
    manage("migrate", "--no-input", env=setup_env, timeout=600)
    manage("load_default_data", env=setup_env, timeout=600)
    if args.practices:
        manage("generate_practices", str(args.practices), env=setup_env, timeout=1800)
    manage("create_demo_accounts", env=setup_env, timeout=120)
    created = manage("shell", "-c", SETUP, env=setup_env, timeout=120)
    rig["practice"] = int(re.search(r"PRACTICE (\d+)", created).group(1))
    manage("collectstatic", "--no-input", "--verbosity=0", env=env, timeout=300)
    celery = [sys.executable, "-m", "celery", "-A", "gfmd_platform", "worker", "--pool=solo"]
    processes.start("celery", [*celery, "--loglevel=INFO", "--without-gossip"], env)
    for name in ("a", "b"):
        server_env = {**env, "PORT": str(ports[name]), "WEB_CONCURRENCY": str(args.workers)}
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gfmd_platform/gunicorn.conf.py"]
        processes.start(f"gunicorn-{name}", gunicorn, server_env)
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY.format(**ports))
    processes.start("haproxy", [args.haproxy, "-db", "-f", str(config)], env)
    import requests

    for name in ("a", "b", "one", "two"):
        rig[name] = f"http://127.0.0.1:{ports[name]}"
        wait_until(
            lambda base=rig[name]: requests.get(f"{base}/healthz", timeout=2).status_code == 200,
            what=f"{name} answering /healthz",
            timeout=90,
            processes=processes,
        )
    wait_until(lambda: "ready" in processes.log("celery"), what="celery", timeout=60, processes=processes)


def database(args, statement):
    import psycopg2
    from psycopg2 import sql

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
    rig = {"folder": folder, "processes": Processes(folder), "password": secrets.token_urlsafe()}
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
        import redis

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
        if failures:
            print(f"Logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
