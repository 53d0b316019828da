#!/usr/bin/env python3
"""`make bench`: CoProcure at county or national scale, measured side by side (issue 9).

In one run, on a throwaway PostgreSQL cluster: generate the data (`coprocure generate`), start
gunicorn with the benchmark middleware (query count and server time per response), then

1. fire anonymous survey answers at POST /api/v1/surveys/{id}/responses at 50 and at 200
   concurrent clients, each burst followed by the same burst at the minimal insert-one-row view
   (bench/survey_burst.py's client and baseline), and check that every acknowledged answer is stored;
2. request the most visited pages (coprocure.generate.pages) `--repeats` times anonymously (the
   first request fills the shared cache, the rest are served from it) and signed in as the
   procurement's official (never cached): server time median/p95/p99 and SQL queries;
3. export every public procurement as one OCDS release package (`coprocure export-ocds`) and
   report releases per second and the exporting process's peak memory.

    make bench                      # national scale
    make bench BENCH_SCALE=county   # a 25th of it

Results: bench/results/scale-<scale>-<UTC time>.json and .md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import survey_burst  # noqa: E402 - the sibling script, reused for its client and baseline
from survey_burst import BIN, HOST, ROOT, Client, burst, coprocure, count, create_database, free_port  # noqa: E402

PREPARE = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone
from coprocure.generate.pages import most_visited, subject
from coprocure.participation.models import Survey

connection.cursor().execute(
    "CREATE TABLE IF NOT EXISTS bench_row (id bigserial PRIMARY KEY, created timestamptz NOT NULL DEFAULT now(), payload text)")
connection.cursor().execute("ANALYZE")
procurement, survey, contract, period = subject()
official = procurement.accountable_official
session = SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(official.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = official.get_session_auth_hash()
session.create()
target = (Survey.objects.filter(mode="anonymous", closes_at__gt=timezone.now(), activity__procurement__is_public=True,
                                activity__procurement__service_area="older_people")
          .order_by("id").first())
print(json.dumps({
    "pages": most_visited(procurement, survey, contract, period), "session": session.session_key,
    "survey": target.pk, "keys": [q.key for q in target.questions.order_by("ordering")],
}))
"""

EXPORT = """
import json, os, resource, time
from django.core.management import call_command
from coprocure.core.models import Procurement

releases = Procurement.objects.filter(is_public=True).count()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
call_command("export-ocds", output=PATH)
seconds = time.perf_counter() - started
print(json.dumps({
    "releases": releases, "seconds": round(seconds, 2), "releases_per_second": round(releases / seconds, 1),
    "megabytes_written": round(os.path.getsize(PATH) / 1e6, 1),
    "rss_before_mb": round(before / 1024, 1), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
"""


def percentiles(values: list[float]) -> dict:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1), "p99": round(cuts[98], 1)}


class Reader:
    """One keep-alive connection, like a browser's; reads the benchmark middleware's headers."""

    def __init__(self, port: int, cookie: str | None = None):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)
        self.headers = {"Cookie": cookie} if cookie else {}

    def get(self, path: str) -> tuple[int, float, int, str]:
        try:
            self.connection.request("GET", path, headers=self.headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            # The server closed the idle keep-alive connection: reconnect once.
            self.connection.close()
            self.connection.request("GET", path, headers=self.headers)
            response = self.connection.getresponse()
        response.read()
        server_ms = float(response.getheader("Server-Timing", "app;dur=0").split("dur=")[1])
        return (response.status, server_ms, int(response.getheader("X-CoProcure-Queries", "0")),
                response.getheader("X-CoProcure-Cache", ""))


def measure_pages(port: int, pages: dict[str, str], session: str, repeats: int) -> dict:
    results = {}
    anonymous, signed_in = Reader(port), Reader(port, f"sessionid={session}")
    for name, path in pages.items():
        row = {"path": path}
        if name != "survey results":  # staff only: there is no anonymous page to cache
            status, cold_ms, cold_queries, _state = anonymous.get(path)
            warm = [anonymous.get(path) for _n in range(repeats)]
            row["anonymous"] = {"status": status, "first_ms": round(cold_ms, 1), "first_queries": cold_queries,
                                "cached": sum(1 for w in warm if w[3] == "hit"),
                                **percentiles([w[1] for w in warm]), "queries": sorted({w[2] for w in warm})}
        runs = [signed_in.get(path) for _n in range(repeats)]
        row["signed_in"] = {"status": sorted({r[0] for r in runs}), **percentiles([r[1] for r in runs]),
                            "queries": sorted({r[2] for r in runs})}
        results[name] = row
        print(f"  {name}: {row}", flush=True)
    return results


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it was ready")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/providers/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 120 s")


def markdown(report: dict) -> str:
    lines = [
        f"# CoProcure at {report['scale']} scale, {report['started_at']}", "",
        f"{report['machine']}. Data generated in {report['generate_seconds']} s (seed {report['seed']}): "
        + ", ".join(f"{n:,} {what}".replace(",", " ") for what, n in report["rows"].items()) + ".", "",
        "## Survey-answer burst", "",
        f"{report['answers']} requests per target per burst; gunicorn {report['workers']} workers × {report['threads']} threads.", "",
        "| clients | answers/s | p50 ms | p95 ms | p99 ms | insert-one/s | p95 ms | throughput ratio | lost |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for clients, row in report["bursts"].items():
        a, b = row["survey_answer"], row["baseline"]
        lines.append(f"| {clients} | {a['per_second']} | {a['p50_ms']} | {a['p95_ms']} | {a['p99_ms']} | {b['per_second']} | "
                     f"{b['p95_ms']} | **{row['throughput_ratio']}** | {row['lost']} |")
    lines += ["", "## Most visited pages (server time, ms, over "
              f"{report['repeats']} requests each)", "",
              "| page | anonymous: first ms (queries) | anonymous cached p50 / p95 / p99 (queries) | signed in p50 / p95 / p99 | signed-in queries |",
              "|---|---|---|---|---|"]
    for name, row in report["pages"].items():
        anon = row.get("anonymous")
        first = f"{anon['first_ms']} ({anon['first_queries']})" if anon else "staff only"
        cached = (f"{anon['p50']} / {anon['p95']} / {anon['p99']} ({', '.join(map(str, anon['queries']))})"
                  if anon else "–")
        signed = row["signed_in"]
        lines.append(f"| {name} | {first} | {cached} | {signed['p50']} / {signed['p95']} / {signed['p99']} | "
                     f"{', '.join(map(str, signed['queries']))} |")
    ocds = report["ocds"]
    lines += ["", "## OCDS bulk export", "",
              f"{ocds['releases']} public procurements in {ocds['seconds']} s ({ocds['releases_per_second']} releases/s, "
              f"{ocds['megabytes_written']} MB); peak memory of the exporting process {ocds['peak_rss_mb']} MB "
              f"({ocds['rss_before_mb']} MB before the export started).", "",
              "## Targets", ""]
    lines += [f"- {line}" for line in report["targets"]]
    return "\n".join(lines) + "\n"


def targets(report: dict) -> list[str]:
    ratios = [row["throughput_ratio"] for row in report["bursts"].values()]
    slowest = max(max(row["signed_in"]["p95"], row.get("anonymous", {}).get("first_ms", 0))
                  for row in report["pages"].values())
    return [
        f"Survey answers at least 70 % of the minimal insert's throughput: ratios {ratios} — "
        + ("met." if min(ratios) >= 0.7 else "NOT met (see bench/README.md)."),
        f"Every listed page under 300 ms server time (slowest p95 or first request: {slowest} ms) — "
        + ("met." if slowest < 300 else "NOT met."),
        f"OCDS export memory under 300 MB: peak {report['ocds']['peak_rss_mb']} MB — "
        + ("met." if report["ocds"]["peak_rss_mb"] < 300 else "NOT met."),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "county", "national"], default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--answers", type=int, default=2000, help="requests per target per burst (default 2000)")
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200], help="concurrent clients per burst")
    parser.add_argument("--repeats", type=int, default=50, help="requests per page (default 50)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.execv(str(ROOT / "scripts" / "with-postgres"),
                 [str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__, *sys.argv[1:]])

    var = tempfile.mkdtemp(prefix="coprocure-bench-")
    (Path(var) / "static").mkdir()
    env = {**os.environ, "COPROCURE_BENCH": "1", "COPROCURE_DEBUG": "0", "COPROCURE_SECRET_KEY": "bench-only-" + "x" * 40,
           "COPROCURE_VAR_DIR": var, "COPROCURE_ALLOWED_HOSTS": HOST, "COPROCURE_CONN_MAX_AGE": "600",
           "COPROCURE_LOG_LEVEL": "ERROR", "COPROCURE_REQUIRE_2FA": "0", "COPROCURE_RATE_LIMITS": "off"}
    create_database(os.environ["DATABASE_URL"])
    coprocure(env, "migrate", "--noinput", "-v0")
    coprocure(env, "createcachetable")
    coprocure(env, "collectstatic", "--noinput", "-v0")
    print(f"Generating {args.scale} scale…", flush=True)
    started = time.perf_counter()
    generated = subprocess.run([str(BIN / "coprocure"), "generate", "--scale", args.scale, "--seed", str(args.seed)],
                               env=env, stdout=subprocess.PIPE, text=True, check=True).stdout
    generate_seconds = round(time.perf_counter() - started, 1)
    rows = dict((what, int(n)) for n, what in
                (part.split(" ", 1) for part in generated.split(": ", 1)[1].strip().rstrip(".").split(", ")))
    prepared = json.loads(coprocure(env, "shell", "--no-imports", "-c", PREPARE).strip().splitlines()[-1])

    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "coprocure.wsgi:application", "--bind", f"{HOST}:{port}", "--workers", str(args.workers),
         "--threads", str(args.threads), "--keep-alive", "30", "--log-level", "warning"], env=env, cwd=var)
    try:
        wait_until_up(port, server)
        print("Pages…", flush=True)
        pages = measure_pages(port, prepared["pages"], prepared["session"], args.repeats)
        bursts = {}
        survey, keys = prepared["survey"], prepared["keys"]
        responses = f"SELECT count(*) FROM participation_response WHERE survey_id = {survey}"
        client = Client(port)
        burst(client, f"/api/v1/surveys/{survey}/responses", survey_burst.answer_bodies(keys, 20), 10)
        burst(client, "/bench/insert-one/", [b"{}"] * 20, 10)
        for clients in args.clients:
            print(f"Survey burst, {clients} clients…", flush=True)
            before = count(env, responses)
            client = Client(port)
            answers = burst(client, f"/api/v1/surveys/{survey}/responses", survey_burst.answer_bodies(keys, args.answers), clients)
            stored = count(env, responses) - before
            baseline = burst(client, "/bench/insert-one/", [b'{"n": 1}'] * args.answers, clients)
            acknowledged = answers["statuses"].get("201", 0)
            bursts[str(clients)] = {
                "survey_answer": answers, "baseline": baseline,
                "throughput_ratio": round(answers["per_second"] / baseline["per_second"], 2),
                "acknowledged": acknowledged, "stored": stored, "lost": max(acknowledged - stored, 0),
            }
            print(f"  {bursts[str(clients)]}", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print("OCDS export…", flush=True)
    export_path = str(Path(var) / "ocds.json")
    ocds = json.loads(coprocure(env, "shell", "--no-imports", "-c", f"PATH = {export_path!r}\n" + EXPORT).strip().splitlines()[-1])

    report = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "scale": args.scale, "seed": args.seed,
        "machine": f"{os.cpu_count()} CPUs (shared), PostgreSQL throwaway cluster with fsync off",
        "generate_seconds": generate_seconds, "rows": rows, "answers": args.answers, "repeats": args.repeats,
        "workers": args.workers, "threads": args.threads, "pages": pages, "bursts": bursts, "ocds": ocds,
    }
    report["targets"] = targets(report)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"scale-{args.scale}-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / f"scale-{args.scale}-{stamp}.md").write_text(markdown(report))
    print(markdown(report))
    if any(row["lost"] for row in bursts.values()):
        raise SystemExit("acknowledged answers were lost")


if __name__ == "__main__":
    main()
