"""A job whose worker was SIGKILLed is finished by another (issue 20 item 4): real worker
processes (`coprocure worker`) on the test database, as production runs them. The dead worker's
job stops beating; the next worker's clock sweeps it back into the queue and runs it again."""

from __future__ import annotations

import time

import pytest
from django.utils import translation

from coprocure.evaluation import tasks
from coprocure.ops import work
from coprocure.ops.models import Job

from .test_outbox_faults import DATABASE_QUEUE, Worker, free_port, wait_until

pytestmark = [pytest.mark.durability, pytest.mark.django_db(transaction=True)]

STALLED_SECONDS = 2


def job_worker(tmp_path) -> Worker:
    worker = Worker(tmp_path, free_port())
    worker.env["COPROCURE_JOB_STALLED_SECONDS"] = str(STALLED_SECONDS)
    return worker


def test_a_job_whose_worker_was_killed_is_queued_again_and_finished_by_another(settings, procurement, tmp_path,
                                                                             request):
    settings.TASKS = DATABASE_QUEUE
    settings.VAR_DIR = tmp_path
    first, second = job_worker(tmp_path), job_worker(tmp_path)
    request.addfinalizer(first.stop)
    request.addfinalizer(second.stop)
    with translation.override("fi"):
        job = tasks.report_pdf_job(procurement, "http://testserver/")  # queued at the commit
    first.start()
    wait_until(lambda: Job.objects.filter(pk=job.pk, state="running").exists(), 60, "the render under way")
    first.kill()
    job.refresh_from_db()
    assert job.state == "running" and job.attempts == 1, "the worker finished before it could be killed"
    assert not work.result_path(job).exists()
    time.sleep(STALLED_SECONDS)  # the dead worker's job stops beating
    second.start()
    wait_until(lambda: Job.objects.filter(pk=job.pk, state="done").exists(), 60, "the job finished by the next worker")
    job.refresh_from_db()
    assert job.attempts == 2 and job.reason == ""
    assert work.result_path(job).read_bytes().startswith(b"%PDF")
    assert not work.result_path(job).with_suffix(".partial").exists()
