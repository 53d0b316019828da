"""Sending a notice is queued work: the notice service may be slow or down, and the person who
sent it should not wait. The task retries with growing pauses; the idempotency key (the notice's
UUID) makes a retry after a lost answer safe."""

from __future__ import annotations

import logging
import time

from django_tasks import task

from . import client, services
from .models import Submission, SubmissionStatus

log = logging.getLogger(__name__)


@task()
def send_notice(submission_id: int) -> str:
    submission = Submission.objects.filter(pk=submission_id, status=SubmissionStatus.QUEUED).first()
    if submission is None:
        return "gone"
    attempts = client.config("attempts")
    for attempt in range(1, attempts + 1):
        Submission.objects.filter(pk=submission.pk).update(attempts=attempt)
        try:
            outcome = client.send(bytes(submission.xml), str(submission.uuid))
        except client.Unavailable as error:
            log.info("notice %s: attempt %s failed (%s)", submission.uuid, attempt, error)
            if attempt < attempts:
                time.sleep(client.config("backoff") * 2 ** (attempt - 1))
            continue
        return services.record_outcome(submission, outcome).status
    services.give_up(submission, "unavailable")
    return SubmissionStatus.FAILED
