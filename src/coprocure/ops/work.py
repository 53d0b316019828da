"""The only writer of ``Job``: start long work, run it in a worker, report progress, keep the
result under ``VAR_DIR/jobs/`` until it expires, and tell the person when it is ready.

An app turns its long work into a job with one task and one call::

    @task()
    def export_results(job_id: str, survey_id: int):
        return work.run(job_id, lambda job, out, progress: exports.write(survey_of(job, survey_id), out, progress))

    job = work.start(user, gettext_noop("Survey results (CSV)"), export_results, "results.csv",
                     "text/csv", survey.pk)

``produce(job, out, progress)`` writes the result to the binary file ``out`` and may call
``progress(done, total)`` as often as it likes (the row is written at most once a second). It
raises ``Gone`` when what it works on was deleted meanwhile, ``Refused`` when the person who
started the job may no longer see it: the job then ends with that reason, is not retried, and
leaves no half-written file.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO, Callable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coprocure.outbox import services as outbox

from .models import Job

log = logging.getLogger(__name__)

Progress = Callable[[int, "int | None"], None]
REASONS = {
    "gone": gettext_lazy("What this was made from was deleted before it was ready."),
    "refused": gettext_lazy("You may no longer see what this was made from."),
    "stopped": gettext_lazy("It stopped before it was ready, probably because the server was restarted. Start it again."),
    "failed": gettext_lazy("It could not be completed. Try again; if it fails again, tell the site's support."),
}
PROGRESS_INTERVAL = 1.0  # seconds between progress writes
# A running job that has not reported for this long lost its worker (killed, host restarted).
STALLED_AFTER = timedelta(minutes=15)


class Gone(Exception):
    """What the job works on no longer exists."""


class Refused(Exception):
    """The person who started the job may no longer see what it works on."""


def result_dir() -> Path:
    return Path(settings.VAR_DIR) / "jobs"


def result_path(job: Job) -> Path:
    return result_dir() / str(job.id)


def start(owner, title: str, task, filename: str, content_type: str, *args) -> Job:
    """Record the job and queue its task once the caller's transaction commits."""
    # A job whose worker died never finishes; it is forgotten after this anyway.
    unfinished_until = timezone.now() + timedelta(days=7)
    job = Job.objects.create(owner=owner, title=title, filename=filename, content_type=content_type,
                             expires_at=unfinished_until)
    transaction.on_commit(lambda: task.enqueue(str(job.pk), *args))
    return job


def run(job_id: str, produce: Callable[[Job, BinaryIO, Progress], None]) -> str:
    """Run a queued job once (a second delivery of the same task finds it started and stops)."""
    if not Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(state=Job.State.RUNNING,
                                                                         heartbeat_at=timezone.now()):
        return "not queued"
    job = Job.objects.select_related("owner").get(pk=job_id)
    result_dir().mkdir(parents=True, exist_ok=True)
    partial = result_path(job).with_suffix(".partial")
    try:
        with partial.open("wb") as out:
            produce(job, out, _progress_of(job))
    except Gone:
        return _fail(job, partial, "gone")
    except Refused:
        return _fail(job, partial, "refused")
    except Exception:  # noqa: BLE001 - any failure ends the job with a reason, never silently
        log.exception("job %s failed", job.pk)
        return _fail(job, partial, "failed")
    partial.replace(result_path(job))
    now = timezone.now()
    expires = now + timedelta(hours=settings.COPROCURE_JOB_RESULT_HOURS)
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, finished_at=now, expires_at=expires)
        _tell(job, expires)
    return "done"


def shown_state(job: Job, now: datetime | None = None) -> tuple[str, str]:
    """(state, reason) as the person sees them: a running job whose worker stopped beating is
    shown as not completed, so nobody waits for it forever. Produce functions that take longer
    than STALLED_AFTER between two progress reports must report more often."""
    now = now or timezone.now()
    if job.state == Job.State.RUNNING and job.heartbeat_at is not None and now - job.heartbeat_at > STALLED_AFTER:
        return Job.State.FAILED, "stopped"
    return job.state, job.reason


def _progress_of(job: Job) -> Progress:
    last = [0.0]

    def progress(done: int, total: int | None = None) -> None:
        if time.monotonic() - last[0] >= PROGRESS_INTERVAL or (total is not None and done >= total):
            Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())
            last[0] = time.monotonic()

    return progress


def _fail(job: Job, partial: Path, reason: str) -> str:
    partial.unlink(missing_ok=True)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, reason=reason, finished_at=now,
                                         expires_at=now + timedelta(hours=settings.COPROCURE_JOB_RESULT_HOURS))
    return reason


def _tell(job: Job, expires: datetime) -> None:
    """An e-mail with the link, in the person's language, sent by the outbox after the commit."""
    if not job.owner.email:
        return
    with translation.override(job.owner.preferred_language):
        link = f"{settings.COPROCURE_PUBLIC_URL}/{_language_prefix()}jobs/{job.pk}/"
        outbox.send(to=job.owner.email, cause=f"job-done:{job.pk}", subject=_("Your download is ready"),
                    body=render_to_string("ops/email/job_done.txt", {
                        "title": _(job.title), "link": link, "expires_at": timezone.localtime(expires)}))


def _language_prefix() -> str:
    language = translation.get_language()
    return "" if language == settings.LANGUAGE_CODE else f"{language}/"


def forget_expired(now: datetime) -> int:
    """Remove expired results and their jobs (a retention rule, run daily)."""
    expired = list(Job.objects.filter(expires_at__lt=now).values_list("pk", flat=True))
    for pk in expired:
        (result_dir() / str(pk)).unlink(missing_ok=True)
    return Job.objects.filter(pk__in=expired).delete()[0]
