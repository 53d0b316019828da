#!/usr/bin/env python3
"""A survey link shared in the local news: a burst of anonymous answers at a running server.

Starts gunicorn (2 workers, threads, persistent HTTP and database connections) on a
throwaway PostgreSQL cluster, loads the demo, and fires N anonymous answers at
POST /api/v1/surveys/{id}/responses from a bounded thread pool, against 127.0.0.1 only. In
the same run it fires N requests at a minimal Django view that inserts one row
(/bench/insert-one/, mounted only with COPROCURE_BENCH=1), so the answer's cost is reported
as a ratio that does not depend on the machine. Each answer carries its one-time token, taken
from GET /api/v1/surveys/{id}/token before the clock starts. Afterwards it counts the stored
responses: every acknowledged (201) answer must be in the database.

    scripts/with-postgres .venv/bin/python bench/survey_burst.py --answers 2000 --concurrency 16

(run without scripts/with-postgres, it re-runs itself under it). Results go to
bench/results/survey_burst-<time>.json and .md.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def coprocure(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "coprocure"), *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"coprocure {args[0]} failed:\n{done.stderr}")
    return done.stdout


def create_database(url: str) -> None:
    """scripts/with-postgres starts an empty cluster; the bench makes its own database in it."""
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict) -> tuple[int, list[str]]:
    """Migrate, load the demo and create the baseline's table; return the older people's
    anonymous survey ("What helps you live at home?") and its keys."""
    coprocure(env, "migrate", "--noinput", "-v0")
    coprocure(env, "createcachetable")
    coprocure(env, "demo")
    script = (
        "from django.db import connection\n"
        "from coprocure.participation.models import Survey\n"
        "connection.cursor().execute('CREATE TABLE IF NOT EXISTS bench_row "
        "(id bigserial PRIMARY KEY, created timestamptz NOT NULL DEFAULT now(), payload text)')\n"
        "survey = Survey.objects.get(title__fi__text='Mikä auttaa sinua asumaan kotona?')\n"
        "print(survey.pk, *[q.key for q in survey.questions.order_by('ordering')])\n"
    )
    survey, *keys = coprocure(env, "shell", "--no-imports", "-c", script).split()
    return int(survey), keys


def count(env: dict, sql: str) -> int:
    script = f"from django.db import connection\nc = connection.cursor()\nc.execute({sql!r})\nprint(c.fetchone()[0])\n"
    return int(coprocure(env, "shell", "--no-imports", "-c", script).strip())


class Client:
    """One persistent HTTP connection per thread, as a browser would keep."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()

    def post(self, path: str, body: bytes) -> tuple[int, float]:
        status, _body, elapsed = self.request("POST", path, body)
        return status, elapsed

    def get(self, path: str) -> bytes:
        return self.request("GET", path, None)[1]

    def request(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        for attempt in (1, 2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                connection.request(method, path, body, {"Content-Type": "application/json", "Connection": "keep-alive"})
                response = connection.getresponse()
                content = response.read()
                return response.status, content, time.perf_counter() - started
            except (http.client.HTTPException, OSError):
                # The server closed an idle keep-alive connection: reconnect once.
                connection.close()
                self.local.connection = None
                if attempt == 2:
                    return 0, b"", time.perf_counter() - started
        raise AssertionError("unreachable")


# An anonymous answer needs a one-time token, which a client takes from GET /surveys/{id}/token
# before it answers (a signed value: taking one writes nothing). answer_bodies() leaves this in
# place of the token, and burst() puts a fresh token there before the clock starts, so the
# burst times the answers only.
TOKEN = b'"__token__"'


def with_tokens(client: Client, path: str, bodies: list[bytes], concurrency: int) -> list[bytes]:
    token_path = path.rsplit("/", 1)[0] + "/token"
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        tokens = list(pool.map(lambda _body: json.loads(client.get(token_path))["token"], bodies))
    return [body.replace(TOKEN, json.dumps(token).encode()) for body, token in zip(bodies, tokens)]


def burst(client: Client, path: str, bodies: list[bytes], concurrency: int) -> dict:
    if any(TOKEN in body for body in bodies):
        bodies = with_tokens(client, path, bodies, concurrency)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda body: client.post(path, body), bodies))
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for _status, latency in results)
    statuses: dict[str, int] = {}
    for status, _latency in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(bodies), "seconds": round(elapsed, 3), "per_second": round(len(bodies) / elapsed, 1),
        "p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1), "p99_ms": round(cuts[98] * 1000, 1),
        "statuses": statuses,
    }


def answer_bodies(keys: list[str], n: int) -> list[bytes]:
    rating, helps, words = keys
    return [json.dumps({
        "answers": {rating: 1 + i % 5, helps: [str(1 + i % 3)], words: f"Vastaus {i}: bussi ja seura auttaisivat."},
        "target_group": "older_people" if i % 4 else "relatives", "age_band": "75_plus", "token": "__token__",
    }).encode() for i in range(n)]


def wait_until_up(port: int, survey: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it was ready")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", f"/api/v1/surveys/{survey}")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def markdown(report: dict) -> str:
    rows = [("Survey answer (POST /api/v1/surveys/{id}/responses)", report["survey_answer"]),
            ("Minimal insert-one-row view", report["baseline"])]
    lines = [
        f"# Survey burst, {report['started_at']}", "",
        f"{report['answers']} requests per target, {report['concurrency']} concurrent clients, gunicorn "
        f"{report['workers']} workers × {report['threads']} threads on {report['cpus']} CPUs, PostgreSQL "
        "(throwaway cluster, fsync off).", "",
        "| target | requests/s | p50 ms | p95 ms | p99 ms | statuses |", "|---|---|---|---|---|---|",
    ]
    for name, row in rows:
        lines.append(f"| {name} | {row['per_second']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | "
                     f"{', '.join(f'{k}: {v}' for k, v in sorted(row['statuses'].items()))} |")
    lines += ["", f"Throughput ratio (answer / baseline): **{report['throughput_ratio']}**; "
              f"p95 latency ratio: **{report['p95_ratio']}**.", "",
              f"Acknowledged answers: {report['acknowledged']}; stored: {report['stored']}; "
              f"lost: **{report['lost']}**.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000, help="requests per target (default 2000)")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if args.concurrency < 1 or args.answers < 10:
        parser.error("at least 10 answers and 1 client")
    if "DATABASE_URL" not in os.environ:
        os.execv(str(ROOT / "scripts" / "with-postgres"),
                 [str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__, *sys.argv[1:]])

    port = free_port()
    var = tempfile.mkdtemp(prefix="coprocure-bench-")
    (Path(var) / "static").mkdir()
    env = {**os.environ, "COPROCURE_BENCH": "1", "COPROCURE_DEBUG": "0", "COPROCURE_SECRET_KEY": "bench-only-" + "x" * 40,
           "COPROCURE_VAR_DIR": var, "COPROCURE_ALLOWED_HOSTS": HOST, "COPROCURE_CONN_MAX_AGE": "600",
           "COPROCURE_LOG_LEVEL": "ERROR", "COPROCURE_RATE_LIMITS": "off",
           # Outside the demo a deployment refuses to start without its bid key (coprocure/keys.py).
           "COPROCURE_BID_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}
    create_database(os.environ["DATABASE_URL"])
    survey, keys = prepare(env)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "coprocure.wsgi:application", "--bind", f"{HOST}:{port}", "--workers", str(args.workers),
         "--threads", str(args.threads), "--keep-alive", "30", "--log-level", "warning"],
        env=env, cwd=var,
    )
    try:
        wait_until_up(port, survey, server)
        client = Client(port)
        before = count(env, f"SELECT count(*) FROM participation_response WHERE survey_id = {survey}")
        # Warm both paths so neither pays for imports and first connections.
        burst(client, f"/api/v1/surveys/{survey}/responses", answer_bodies(keys, 20), args.concurrency)
        burst(client, "/bench/insert-one/", [b"{}"] * 20, args.concurrency)
        warmed = count(env, f"SELECT count(*) FROM participation_response WHERE survey_id = {survey}")
        answers = burst(client, f"/api/v1/surveys/{survey}/responses", answer_bodies(keys, args.answers), args.concurrency)
        baseline = burst(client, "/bench/insert-one/", [b'{"n": 1}'] * args.answers, args.concurrency)
        stored = count(env, f"SELECT count(*) FROM participation_response WHERE survey_id = {survey}") - warmed
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)
    acknowledged = answers["statuses"].get("201", 0)
    report = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "answers": args.answers,
        "concurrency": args.concurrency, "workers": args.workers, "threads": args.threads, "cpus": os.cpu_count(),
        "survey_answer": answers, "baseline": baseline,
        "throughput_ratio": round(answers["per_second"] / baseline["per_second"], 2),
        "p95_ratio": round(answers["p95_ms"] / baseline["p95_ms"], 2),
        "acknowledged": acknowledged, "stored": stored, "lost": max(acknowledged - stored, 0),
        "responses_before": before,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"survey_burst-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / f"survey_burst-{stamp}.md").write_text(markdown(report))
    print(markdown(report))
    if report["lost"]:
        raise SystemExit(f"{report['lost']} acknowledged answers were not stored")


if __name__ == "__main__":
    main()
