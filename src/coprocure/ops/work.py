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

A shared job (``start_shared``) has no owner and a key: the day's open data or a report's PDF is
made once and anyone may download it. An import (``start_import``, ``run_import``) keeps the
uploaded file in its row and ends with its outcome instead of a file.

Every progress report is the job's heartbeat. The worker's clock calls ``restart_stalled``: a
running job whose heartbeat stopped for ``COPROCURE_JOB_STALLED_SECONDS`` lost its worker, and is
queued again (its task is idempotent: it writes a new file, or imports all rows or none) until it
has been started ``MAX_ATTEMPTS`` times; then it ends as ``stopped``.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO, Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coprocure.errors import ServiceError
from coprocure.outbox import services as outbox

from .models import Job

log = logging.getLogger(__name__)

Progress = Callable[[int, "int | None"], None]
REASONS = {
    "gone": gettext_lazy("What this was made from was deleted before it was ready."),
    "refused": gettext_lazy("You may no longer see what this was made from."),
    "stopped": gettext_lazy("It stopped before it was ready, probably because the server was restarted. Start it again."),
    "rejected": gettext_lazy("Nothing was imported: the file has the errors listed below. Correct them and upload it again."),
    "failed": gettext_lazy("It could not be completed. Try again; if it fails again, tell the site's support."),
}
PROGRESS_INTERVAL = 1.0  # seconds between progress writes
# A job started this many times whose worker died each time is not tried again: it may be what
# kills the worker.
MAX_ATTEMPTS = 3
# A job that is never picked up (no worker runs) is forgotten after this.
UNFINISHED_DAYS = 7


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
    job = Job.objects.create(owner=owner, title=title, filename=filename, content_type=content_type,
                             expires_at=_unfinished_until(), task_path=task.module_path, args=list(args))
    _enqueue(job)
    return job


def start_shared(key: str, title: str, task, filename: str, content_type: str, *args) -> Job:
    """The shared job with this key: reused while it waits, runs or keeps its file; started again
    when it did not complete or its file expired."""
    with transaction.atomic():
        job, created = Job.objects.select_for_update().get_or_create(key=key, defaults={
            "owner": None, "title": title, "filename": filename, "content_type": content_type,
            "expires_at": _unfinished_until(), "task_path": task.module_path, "args": list(args)})
        if created:
            _enqueue(job)
        elif job.state == Job.State.FAILED or (job.state == Job.State.DONE and not _kept(job)):
            result_path(job).unlink(missing_ok=True)
            Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED, reason="", done=0, total=None, attempts=0,
                                                 finished_at=None, expires_at=_unfinished_until())
            job.refresh_from_db()
            _enqueue(job)
    return job


def start_import(owner, title: str, task, name: str, data: bytes, *args) -> Job:
    """An import whose file (already checked for size and type) waits in the job's row."""
    job = Job.objects.create(owner=owner, title=title, filename=name, content_type="", upload=data,
                             expires_at=_unfinished_until(), task_path=task.module_path, args=list(args))
    _enqueue(job)
    return job


def _unfinished_until() -> datetime:
    return timezone.now() + timedelta(days=UNFINISHED_DAYS)


def _kept(job: Job) -> bool:
    return job.expires_at is not None and job.expires_at > timezone.now() and result_path(job).exists()


def _enqueue(job: Job) -> None:
    task, args = import_string(job.task_path), [str(job.pk), *job.args]
    transaction.on_commit(lambda: task.enqueue(*args))


def _claim(job_id: str) -> bool:
    """Only a queued job starts (a second delivery of the same task finds it started and stops)."""
    return bool(Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, heartbeat_at=timezone.now(), attempts=F("attempts") + 1))


def run(job_id: str, produce: Callable[[Job, BinaryIO, Progress], None]) -> str:
    """Run a queued job: ``produce`` writes its file."""
    if not _claim(job_id):
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


def run_import(job_id: str, apply: Callable[[Job, bytes, Progress], int]) -> str:
    """Run a queued import: ``apply`` reads the file and writes all its rows or none, returning how
    many it wrote; its ``ServiceError`` (a row's or the file's field-level errors) is the outcome,
    in the language of the person who started it."""
    if not _claim(job_id):
        return "not queued"
    job = Job.objects.select_related("owner").get(pk=job_id)
    language = job.owner.preferred_language if job.owner else settings.LANGUAGE_CODE
    state, reason, outcome = Job.State.FAILED, "failed", {}
    with translation.override(language):
        try:
            outcome = {"imported": apply(job, bytes(job.upload or b""), _progress_of(job))}
            state, reason = Job.State.DONE, ""
        except ServiceError as error:
            reason = "rejected"
            outcome = {"errors": [{"field": field or "", "row": _row_of(field), "code": code, "message": str(message)}
                                  for field, items in error.errors.items() for code, message in items]}
        except Gone:
            reason = "gone"
        except (Refused, PermissionDenied):
            reason = "refused"
        except Exception:  # noqa: BLE001 - any failure ends the job with a reason, never silently
            log.exception("import %s failed", job.pk)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(state=state, reason=reason, outcome=outcome, upload=None, finished_at=now,
                                         expires_at=now + timedelta(hours=settings.COPROCURE_JOB_RESULT_HOURS))
    return reason or "done"


def _row_of(field: str | None) -> int | None:
    """The row a ``rows.N.field`` error names (the header is row 1); None for the whole file."""
    parts = (field or "").split(".")
    return int(parts[1]) if len(parts) == 3 and parts[0] == "rows" and parts[1].isdigit() else None


def restart_stalled(now: datetime | None = None) -> dict[str, int]:
    """Queue again the running jobs whose worker died (the clock of every worker calls this; a
    conditional update lets exactly one of them take each job)."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.COPROCURE_JOB_STALLED_SECONDS)
    counts = {"restarted": 0, "stopped": 0}
    for job in Job.objects.filter(state=Job.State.RUNNING, heartbeat_at__lt=limit):
        with transaction.atomic():
            taken = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, heartbeat_at=job.heartbeat_at)
            if job.attempts < MAX_ATTEMPTS and job.task_path:
                if taken.update(state=Job.State.QUEUED, heartbeat_at=now):
                    log.info("job %s queued again: its worker gave no sign of life (attempt %s)", job.pk, job.attempts)
                    _enqueue(job)
                    counts["restarted"] += 1
            elif taken.update(state=Job.State.FAILED, reason="stopped", upload=None, finished_at=now,
                              expires_at=now + timedelta(hours=settings.COPROCURE_JOB_RESULT_HOURS)):
                log.info("job %s stopped after %s attempts", job.pk, job.attempts)
                result_path(job).with_suffix(".partial").unlink(missing_ok=True)
                counts["stopped"] += 1
    return counts


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
    if job.owner is None or not job.owner.email:
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
