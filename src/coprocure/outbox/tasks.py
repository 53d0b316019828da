"""The outbox's tasks on the queue (django-tasks, database backend) and the recovery the
worker's clock runs: the queue itself does not take up a task whose worker was killed, so the
outbox's own rows (messages due, fan-outs gone quiet) say what is still to do."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import services
from .models import Fanout

log = logging.getLogger(__name__)


@task()
def deliver() -> int:
    return services.deliver_due()


def recover() -> dict[str, int]:
    """Start again fan-outs whose worker died and ask for delivery of messages left due."""
    now = timezone.now()
    restarted = 0
    for fanout in services.stalled_fanouts(now):
        with transaction.atomic():
            if not Fanout.objects.filter(pk=fanout.pk, heartbeat_at=fanout.heartbeat_at).update(heartbeat_at=now):
                continue  # another worker's clock took it up first
            log.info("fan-out %s restarted: its task gave no sign of life", fanout.cause)
            import_string(fanout.task_path).enqueue(fanout.pk)
        restarted += 1
    waiting = DBTaskResult.objects.ready().filter(task_path=deliver.module_path).exists()
    asked = 0
    if not waiting and services.due(now).exists():
        deliver.enqueue()
        asked = 1
    return {"fanouts": restarted, "deliveries": asked}


def beat(fanout: Fanout, written: int) -> None:
    """A fan-out's sign of life after each batch (and its count, for staff to follow)."""
    Fanout.objects.filter(pk=fanout.pk).update(heartbeat_at=timezone.now(), written=written)


def finish(fanout: Fanout, written: int, reason: str = "") -> None:
    if reason:
        log.info("fan-out %s ended: %s", fanout.cause, reason)
    Fanout.objects.filter(pk=fanout.pk).update(heartbeat_at=timezone.now(), done_at=timezone.now(), written=written)
