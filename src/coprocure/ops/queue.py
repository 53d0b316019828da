"""The task queue as operators see it, read straight from its table at the moment of asking, so
every web process and every host gives the same figures (no per-process counters to add up).

The queue is django-tasks' database backend (``django_tasks_db``); until it is installed these
figures are simply absent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import Count, Min, Q
from django.utils import timezone

QUEUE_APP = "django_tasks_db"


@dataclass(frozen=True)
class QueueState:
    ready: int
    running: int
    failed: int
    oldest_ready_age: float  # seconds the oldest job that could run has waited; 0 when none waits


def installed() -> bool:
    return apps.is_installed(QUEUE_APP)


def state(now: datetime | None = None) -> QueueState | None:
    if not installed():
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = now or timezone.now()
    never = get_date_max()  # the backend's "run as soon as possible"
    figures = DBTaskResult.objects.aggregate(
        ready=Count("id", filter=Q(status="READY")),
        running=Count("id", filter=Q(status="RUNNING")),
        failed=Count("id", filter=Q(status="FAILED")),
        # A job is due from its enqueueing, or from its run_after when it was scheduled.
        due_unscheduled=Min("enqueued_at", filter=Q(status="READY", run_after=never)),
        due_scheduled=Min("run_after", filter=Q(status="READY", run_after__lte=now)),
    )
    due = [moment for moment in (figures["due_unscheduled"], figures["due_scheduled"]) if moment is not None]
    age = max(0.0, (now - min(due)).total_seconds()) if due else 0.0
    return QueueState(figures["ready"], figures["running"], figures["failed"], age)
