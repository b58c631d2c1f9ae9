"""What the scale-out rehearsal (``scripts/scale_out.py``) checks across its two app servers.

Each check takes the running rig (the servers' addresses, the bucket's client, the processes)
and returns what it saw, or raises ``Failed`` saying what went wrong.
"""

import json
import re
import secrets
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import redis
import requests
from load_test import phase_figures

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "gfmd-scale-out"
# A word no practice uses, so that a search for it finds the rehearsal's practice alone.
WORD = "quokkaline"
TITLE = f"Scale-out rehearsal: {WORD} remittance programme"
SLUG = "scale-out-rehearsal"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% scale-out rehearsal "


class Failed(Exception):
    """A check (or the set-up) did not go as it should."""


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


class Client:
    """One browser: its cookies by name, sent back whatever their Secure flag (no TLS on the
    loopback; the app sets it on every cookie when DEBUG is off)."""

    def __init__(self):
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
    # cached_db keeps the session in the shared cache under this key (django-redis's
    # "prefix:version:key"), and in PostgreSQL.
    key = f"gfmd:1:django.contrib.sessions.cached_db{reader.cookies['sessionid']}"
    if not redis.Redis.from_url(rig["redis_url"]).exists(key):
        raise Failed("the session is not in the shared Redis")
    return f"8 signed-in pages, served by {'/'.join(served)}; the session is in Redis"


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
    redis.Redis.from_url(rig["redis_url"]).flushdb()  # start cold, as the load test's docs do
    output = rig["folder"] / f"load-{label.split()[0]}.json"
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
    return phase_figures(json.loads(output.read_text())), result.returncode


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
