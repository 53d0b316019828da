"""Prometheus metrics (prometheus-client).

Two kinds, so that several gunicorn workers and hosts give one true picture:

- request latency is observed in each process; with ``PROMETHEUS_MULTIPROC_DIR`` set (an empty
  directory, emptied before the workers start) every worker writes its samples there and a
  scrape of any worker adds them all up (prometheus-client's multiprocess mode);
- the queue's depth, the oldest ready job's age, failed tasks and messages sent are read from
  the database at scrape time, so they are the same whichever process answers.

Labels hold the route pattern (``procurements/<int:pk>/``), the method and the status class:
never a raw path, an id or anything a person typed. The anonymous answering flow is not
observed at all, since a counter scraped every few seconds would time the answers.
"""

from __future__ import annotations

import os

from django.apps import apps
from django.db import DatabaseError
from django.db.models import Count
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from . import queue

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

REQUEST_LATENCY = Histogram(
    "coprocure_request_duration_seconds", "Time to answer a request, by route pattern.",
    ["method", "route", "status"], registry=None,
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)


def observe(method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_LATENCY.labels(method if method in METHODS else "other", route, f"{status // 100}xx").observe(seconds)


class DatabaseCollector:
    """Figures every process reads alike from the shared database when scraped."""

    def collect(self):
        try:
            current = queue.state()
        except DatabaseError:
            current = None
        if current is not None:
            depth = GaugeMetricFamily("coprocure_queue_jobs", "Jobs in the task queue by state.", labels=["state"])
            for state, count in (("ready", current.ready), ("running", current.running), ("failed", current.failed)):
                depth.add_metric([state], count)
            yield depth
            yield GaugeMetricFamily("coprocure_queue_oldest_ready_age_seconds",
                                    "How long the oldest job that could run has waited.", value=current.oldest_ready_age)
            yield CounterMetricFamily("coprocure_tasks_failed", "Tasks that failed for good (kept in the queue table).",
                                      value=current.failed)
        yield from _messages()


def _messages():
    """The outbox's messages by channel and state (sent, failed, waiting), once it is installed.
    Read by label, not imported: the outbox sits above this app."""
    if not apps.is_installed("coprocure.outbox"):
        return
    try:
        rows = list(apps.get_model("outbox", "Message").objects.values_list("channel", "state")
                    .annotate(count=Count("id")).order_by())
    except DatabaseError:
        return
    family = GaugeMetricFamily("coprocure_messages", "Outbox messages by channel and state.", labels=["channel", "state"])
    for channel, state, count in rows:
        family.add_metric([channel, state], count)
    yield family


def exposition() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REQUEST_LATENCY)
    registry.register(DatabaseCollector())
    return generate_latest(registry)
