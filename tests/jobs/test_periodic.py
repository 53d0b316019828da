"""Periodic jobs run once per period however many workers' clocks reach it, end cleanly when
what they were about is gone, and the clock takes up what a killed worker left."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coprocure.followup.fanout import tell_followers
from coprocure.jobs import schedule
from coprocure.jobs.models import PeriodicRun
from coprocure.jobs.tasks import run
from coprocure.outbox import services as outbox
from coprocure.outbox import tasks as outbox_tasks
from coprocure.outbox.models import Fanout, Message

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOON = timezone.make_aware(datetime(2026, 3, 2, 12, 5))


@pytest.mark.django_db(transaction=True)
def test_two_clocks_ticking_at_once_queue_each_job_once(settings):
    settings.TASKS = DATABASE_QUEUE
    start = threading.Barrier(2)
    queued = []

    def clock():
        start.wait()
        try:
            queued.extend(schedule.tick(NOON))
        finally:
            connection.close()

    clocks = [threading.Thread(target=clock) for _ in range(2)]
    for each in clocks:
        each.start()
    for each in clocks:
        each.join()
    assert sorted(queued) == sorted(schedule.JOBS)
    assert PeriodicRun.objects.count() == len(schedule.JOBS)
    assert DBTaskResult.objects.filter(task_path=run.module_path).count() == len(schedule.JOBS)
    # The same period again queues nothing; the next quarter hour queues the quarter-hourly jobs.
    assert schedule.tick(NOON + timedelta(minutes=5)) == []
    assert sorted(schedule.tick(NOON + timedelta(minutes=15))) == ["mix-answers", "publish-participation", "settle_waiting_lists"]


@pytest.mark.django_db
def test_a_claimed_job_runs_its_command_once_and_keeps_the_outcome(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs them at the commit
        schedule.tick(NOON)
    runs = {claim.job: claim for claim in PeriodicRun.objects.all()}
    assert all(claim.finished_at for claim in runs.values())
    assert not any(claim.outcome.startswith("failed:") for claim in runs.values()), [c.outcome for c in runs.values()]
    assert schedule.run_claimed(runs["forget-follow-ups"].pk) == "already done"


@pytest.mark.django_db
def test_a_run_whose_claim_is_gone_ends_saying_why(caplog):
    caplog.set_level(logging.INFO, logger="coprocure.jobs")
    assert schedule.run_claimed(987654) == "gone"
    assert "no longer exists" in caplog.text


@pytest.mark.django_db
def test_a_fanout_for_a_deleted_procurement_ends_cleanly(procurement, caplog):
    caplog.set_level(logging.INFO, logger="coprocure.outbox")
    outbox.start_fanout("you-said-we-did:test", tell_followers, procurement.pk)
    fanout = Fanout.objects.get()
    Fanout.objects.filter(pk=fanout.pk).update(subject_id=procurement.pk + 100000)
    assert tell_followers.call(fanout.pk) == 0
    assert Fanout.objects.get().done_at is not None
    assert "the procurement no longer exists" in caplog.text
    assert tell_followers.call(fanout.pk + 1000) == 0  # a fan-out itself gone: nothing, no error


@pytest.mark.django_db
def test_the_clock_restarts_a_quiet_fanout_and_asks_once_for_delivery(procurement, settings):
    settings.TASKS = DATABASE_QUEUE
    outbox.start_fanout("you-said-we-did:quiet", tell_followers, procurement.pk)
    long_ago = timezone.now() - timedelta(hours=1)
    Fanout.objects.update(heartbeat_at=long_ago)
    Message.objects.create(channel="email", cause="c", recipient="a@example.org", next_attempt_at=long_ago)
    assert outbox_tasks.recover() == {"fanouts": 1, "deliveries": 1}
    assert outbox_tasks.recover() == {"fanouts": 0, "deliveries": 0}  # queued already
    assert DBTaskResult.objects.filter(task_path=tell_followers.module_path).count() == 1
