"""The periodic jobs and their periods. Each job is the management command an operator can
still run by hand, so there is one implementation of each.

``tick`` is called by every worker's clock (``coprocure worker``) every few seconds: it claims
the current period of each job by inserting a unique (job, period) row, and only the worker
whose insert went in queues the job. A job queued twice at once therefore runs once. ``sweep``,
called beside it, takes up the work of workers that were killed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from io import StringIO

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from coprocure.ops import work
from coprocure.outbox import tasks as outbox

from .models import PeriodicRun

log = logging.getLogger(__name__)

DAILY = "%Y-%m-%d"
QUARTER_HOUR = "quarter"

# The command each job runs (the same one an operator runs by hand) and its period.
JOBS: dict[str, str] = {
    "remind-reports": DAILY,
    "remind-stale-profiles": DAILY,
    "forget-follow-ups": DAILY,
    "enforce-retention": DAILY,
    "prepare-open-data": DAILY,
    "settle_waiting_lists": QUARTER_HOUR,
    "mix-answers": QUARTER_HOUR,
    "publish-participation": QUARTER_HOUR,
}


def period(kind: str, now: datetime) -> str:
    now = timezone.localtime(now)
    if kind == QUARTER_HOUR:
        return now.strftime("%Y-%m-%dT%H:") + f"{now.minute // 15 * 15:02d}"
    return now.strftime(kind)


def tick(now: datetime | None = None) -> list[str]:
    """Queue every job whose current period has not been claimed yet; returns the jobs queued here."""
    from .tasks import run  # the task module imports this one

    now = now or timezone.now()
    queued = []
    for name, kind in JOBS.items():
        try:
            with transaction.atomic():
                claim = PeriodicRun.objects.create(job=name, period=period(kind, now))
                transaction.on_commit(lambda claim=claim: run.enqueue(claim.pk))
        except IntegrityError:
            continue  # this period is claimed already, by this worker or another
        queued.append(name)
    return queued


def sweep(now: datetime | None = None) -> dict[str, dict[str, int]]:
    """Take up what killed workers left (every worker's clock calls this with ``tick``): long work
    whose heartbeat stopped is queued again or, after its last attempt, ended with the reason;
    fan-outs gone quiet are started again and messages left due are delivered."""
    return {"jobs": work.restart_stalled(now), "outbox": outbox.recover()}


def run_claimed(claim_id: int) -> str:
    claim = PeriodicRun.objects.filter(pk=claim_id).first()
    if claim is None:
        log.info("periodic run %s no longer exists; nothing to do", claim_id)
        return "gone"
    if claim.finished_at is not None:
        return "already done"
    output = StringIO()
    try:
        call_command(claim.job, stdout=output)
        outcome = " ".join(output.getvalue().split())[:300]
    except Exception as error:  # said once and kept; the next period runs the job again
        log.exception("periodic job %s for %s failed", claim.job, claim.period)
        outcome = f"failed: {type(error).__name__}"
    PeriodicRun.objects.filter(pk=claim.pk).update(finished_at=timezone.now(), outcome=outcome)
    log.info("periodic job %s for %s done: %s", claim.job, claim.period, outcome)
    return outcome
