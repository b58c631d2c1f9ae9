"""Load test of a running platform on this machine: wrk phases, one report.

Usage (a server already running on 127.0.0.1, e.g. gunicorn + PostgreSQL, see the README):

    python scripts/load_test.py --base-url http://127.0.0.1:8105 --duration 20

Each request class runs alone for ``--duration`` seconds at ``--connections`` concurrent
connections (bare Django view, home, search page with facets, search API, practice pages,
API lists, API sync calls), then all of them mixed. Throughput of each class is also given
as a share of the bare view's, measured in the same run. Search URLs draw from at least
``--queries`` distinct queries (words from the practices' own titles, with and without facets),
so no cache can serve them all. Only loopback addresses are accepted; every phase is bounded in
time by wrk itself.

The memory of each gunicorn worker (resident, and its peak since it started: ``VmRSS`` and
``VmHWM`` of ``/proc/<pid>/status``) is read before and after the run. The workers are the
children of ``--gunicorn-pid`` (the master), or else of the gunicorn process listening on
the base URL's port (found in ``/proc``); a server that is not gunicorn is simply not
measured.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# ``--json`` holds each phase's figures under its name, and the workers' memory under this.
MEMORY_KEY = "memory"
STOP_WORDS = {"and", "the", "for", "of", "in", "on", "to", "a", "an", "with", "by", "de", "la"}

# wrk runs this in each thread: pick a random path from the phase's list, report as JSON.
WRK_SCRIPT = r"""
local paths = {}
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 1000 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""

# Share of each class in the mixed phase.
MIX = {
    "home": 10,
    "search_page": 25,
    "search_api": 15,
    "practice_page": 25,
    "api_list": 15,
    "api_sync": 10,
}


def get_json(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - loopback only
        return json.load(response)


def title_words(titles):
    """The distinct search words of ``titles``: longer than three letters, no stop word."""
    return sorted(
        {
            word.strip("'\"():,.").lower()
            for title in titles
            for word in title.split()
            if len(word) > 3 and word.isascii() and word.lower() not in STOP_WORDS
        }
        - {""}
    )


def collect_targets(base, practice_pages, rng):
    """Slugs, words and facet values read from the API, to build realistic URLs."""
    practices, path = [], "/api/v1/practices/?page_size=100"
    count = None
    while path and len(practices) < practice_pages * 100:
        page = get_json(base, path)
        count = page["count"] if count is None else count
        practices.extend(page["results"])
        path = (
            page["next"]
            and urllib.parse.urlsplit(page["next"])._replace(scheme="", netloc="").geturl()
        )
    words = title_words(practice["title"] for practice in practices)
    themes = [t["slug"] for t in get_json(base, "/api/v1/themes/?page_size=100")["results"]]
    pillars = [p["slug"] for p in get_json(base, "/api/v1/pillars/?page_size=100")["results"]]
    states = sorted({p["lead_state"]["slug"] for p in practices if p.get("lead_state")})
    rng.shuffle(practices)
    return {
        "slugs": [p["slug"] for p in practices],
        "words": words,
        "themes": themes,
        "pillars": pillars,
        "states": states,
        "list_pages": max(1, min(50, -(-count // 20))),
    }


def search_queries(targets, count, rng):
    """At least ``count`` distinct query strings: one or two words, with and without facets."""
    queries = set()
    words = targets["words"]
    facet_values = len(targets["themes"]) + len(targets["pillars"]) + len(targets["states"])
    # Single words and ordered pairs, each alone or with one facet value: a count beyond what
    # the words can give would never be reached (more words: raise --practice-pages).
    possible = (len(words) + len(words) * (len(words) - 1)) * (1 + facet_values)
    if count > possible // 2:
        raise SystemExit(
            f"{count:,} distinct queries asked for, but {len(words):,} title words give about "
            f"{possible:,}: raise --practice-pages or lower --queries"
        )
    while len(queries) < count:
        params = {"q": " ".join(rng.sample(words, rng.choice([1, 1, 2])))}
        facet = rng.random()
        if facet < 0.3:
            params["theme"] = rng.choice(targets["themes"])
        elif facet < 0.5:
            params["pillar"] = rng.choice(targets["pillars"])
        elif facet < 0.65 and targets["states"]:
            params["state"] = rng.choice(targets["states"])
        queries.add(urllib.parse.urlencode(params))
    return sorted(queries)


def build_phases(targets, queries, rng):
    slugs = targets["slugs"]
    since = ["2000-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2025-01-01T00:00:00Z"]
    return {
        "bare_view": ["/healthz"],
        "home": ["/en/", "/fr/", "/es/"],
        "search_page": [f"/en/practices/?{q}" for q in queries],
        "search_api": [f"/api/v1/practices/?{q}" for q in queries],
        "practice_page": [f"/en/practices/{slug}/" for slug in slugs],
        "api_list": [f"/api/v1/practices/?page={n}" for n in range(1, targets["list_pages"] + 1)]
        + [f"/api/v1/practices/?theme={t}" for t in targets["themes"]]
        + ["/api/v1/states/", "/api/v1/themes/", "/api/v1/regional-bodies/"],
        "api_sync": [f"/api/v1/practices/?updated_since={s}" for s in since],
    }


def phase_figures(saved):
    """The phases' figures in what ``--json`` wrote (``saved``), without the memory."""
    return {name: figures for name, figures in saved.items() if name != MEMORY_KEY}


def run_wrk(base, paths, *, duration, connections, threads, folder, name):
    path_file = folder / f"{name}.txt"
    path_file.write_text("\n".join(paths) + "\n")
    script = folder / "phase.lua"
    script.write_text(WRK_SCRIPT)
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={script}",
        base,
        "--",
        str(path_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    seconds = result["duration_us"] / 1e6
    errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": result["requests"],
        "rps": result["requests"] / seconds,
        "p50_ms": result["p50_us"] / 1000,
        "p95_ms": result["p95_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "max_ms": result["max_us"] / 1000,
        "errors": errors,
        "distinct_urls": len(set(paths)),
    }


def gunicorn_workers(port, master=None):
    """The pids of the gunicorn workers serving ``port``: the children of ``master``, or of
    the gunicorn process holding the socket listening on ``port`` (its workers share it)."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            parent = int(re.search(r"^PPid:\s+(\d+)", (entry / "status").read_text(), re.M)[1])
        except (OSError, TypeError):
            continue  # ended meanwhile
        processes[int(entry.name)] = (parent, command)
    if master is None:
        sockets = _listening_sockets(port)
        holders = {
            pid
            for pid, (_parent, command) in processes.items()
            if "gunicorn" in command and sockets & _sockets_of(pid)
        }
        # The master is the holder whose parent is not a holder.
        masters = {pid for pid in holders if processes[pid][0] not in holders}
    else:
        masters = {master}
    return sorted(pid for pid, (parent, _command) in processes.items() if parent in masters)


def _listening_sockets(port):
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            # local address "ADDR:PORT" in hex, state 0A = LISTEN, inode in column 10.
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                inodes.add(fields[9])
    return inodes


def _sockets_of(pid):
    found = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            target = os.readlink(fd)
            if target.startswith("socket:["):
                found.add(target[8:-1])
    except OSError:
        pass  # not ours to read, or ended
    return found


def memory(pids):
    """``{pid: {"rss_mb", "peak_mb"}}`` (``VmRSS``, ``VmHWM``) of the processes still there."""
    found = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
        found[pid] = {"rss_mb": int(values["VmRSS"]) / 1024, "peak_mb": int(values["VmHWM"]) / 1024}
    return found


def memory_report(before, after):
    def mb(figures, name):
        return f"{figures[name]:.1f}" if figures else "-"

    lines = [
        "| worker | RSS before MB | RSS after MB | peak RSS MB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for pid in sorted(before.keys() | after.keys()):
        start, end = before.get(pid), after.get(pid)
        lines.append(
            f"| {pid} | {mb(start, 'rss_mb')} | {mb(end, 'rss_mb')} | {mb(end, 'peak_mb')} |"
        )
    return "\n".join(lines)


def report(results):
    bare = results["bare_view"]["rps"]
    lines = [
        "| phase | requests | req/s | % of bare | p50 ms | p95 ms | p99 ms | errors | URLs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['requests']:,} | {r['rps']:.1f} | {100 * r['rps'] / bare:.1f}% | "
            f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | "
            f"{r['distinct_urls']:,} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--duration", type=int, default=20, help="seconds per phase (max 120)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--queries", type=int, default=1500, help="distinct search queries")
    parser.add_argument("--practice-pages", type=int, default=20, help="API pages of slugs")
    parser.add_argument("--only", nargs="*", help="run only these phases")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--gunicorn-pid", type=int, help="gunicorn master (default: the one on the port)"
    )
    args = parser.parse_args(argv)

    base = args.base_url.rstrip("/")
    if urllib.parse.urlsplit(base).hostname not in LOOPBACK:
        parser.error("load tests run against this machine only (127.0.0.1 / localhost)")
    if not 1 <= args.duration <= 120:
        parser.error("--duration must be between 1 and 120 seconds")
    if shutil.which("wrk") is None:
        parser.error("wrk is missing: apt-get install wrk")

    rng = random.Random(args.seed)  # noqa: S311 - reproducible traffic, not secrets
    targets = collect_targets(base, args.practice_pages, rng)
    queries = search_queries(targets, args.queries, rng)
    phases = build_phases(targets, queries, rng)
    phases["mixed"] = [
        rng.choice(phases[name]) for name, weight in MIX.items() for _ in range(weight * 100)
    ]
    if args.only:
        phases = {name: phases[name] for name in ["bare_view", *args.only] if name in phases}
    print(
        f"{len(targets['slugs']):,} practice pages, {len(queries):,} distinct search queries, "
        f"{args.duration}s per phase at {args.connections} connections",
        flush=True,
    )
    port = urllib.parse.urlsplit(base).port or 80
    workers = gunicorn_workers(port, args.gunicorn_pid)
    memory_before = memory(workers)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in phases.items():
            results[name] = run_wrk(
                base,
                paths,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
                folder=Path(tmp),
                name=name,
            )
            r = results[name]
            print(f"  {name}: {r['rps']:.1f} req/s, p95 {r['p95_ms']:.1f} ms", flush=True)
    print(report(results))
    # Workers started during the run (a restart after max_requests) are measured too.
    memory_after = memory(sorted({*workers, *gunicorn_workers(port, args.gunicorn_pid)}))
    if memory_before or memory_after:
        print()
        print(memory_report(memory_before, memory_after))
        peaks = [m["peak_mb"] for m in memory_after.values()]
        if peaks:
            print(f"Peak RSS per worker: max {max(peaks):.1f} MB over {len(peaks)} workers")
    else:
        print("No gunicorn worker found for this port: memory not measured.")
    if args.json:
        memory_figures = {"before": memory_before, "after": memory_after}
        args.json.write_text(json.dumps({**results, MEMORY_KEY: memory_figures}, indent=2))
    return 1 if any(r["errors"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
