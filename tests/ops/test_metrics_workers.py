"""Metrics with several gunicorn workers: each worker process observes its own requests into
PROMETHEUS_MULTIPROC_DIR, and a scrape answered by any process adds them all up
(prometheus-client's multiprocess mode). Separate processes stand in for the workers."""

import os
import re
import subprocess
import sys

SETUP = "import django; django.setup(); from coprocure.ops import metrics; "


def run(code: str, directory) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coprocure.settings_test", "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    return subprocess.run([sys.executable, "-c", SETUP + code], env=env, capture_output=True, text=True, check=True,
                          timeout=120).stdout


def test_a_scrape_from_any_process_counts_every_workers_requests(tmp_path):
    for requests in (7, 5):  # two workers, each answering some requests
        run(f"[metrics.observe('GET', '/procurements/<int:pk>/', 200, 0.05) for _ in range({requests})]", tmp_path)
    assert len(list(tmp_path.glob("histogram_*.db"))) == 2
    text = run("print(metrics.exposition().decode())", tmp_path)  # a third process answers the scrape
    count = re.search(r'coprocure_request_duration_seconds_count\{method="GET",route="/procurements/<int:pk>/",'
                      r'status="2xx"\} (\S+)', text)
    assert count and float(count.group(1)) == 12.0, text
