"""Sending a notice is queued work: the notice service may be slow or down, and the person who
sent it should not wait. Each run makes one attempt; an attempt the service does not answer
queues the next one with ``run_after`` (services.retry_later), so no worker sleeps waiting for
it. The idempotency key (the notice's UUID) makes a retry after a lost answer safe. The first
run checks the SDK's schematron too, where this machine has the rules compiled."""

from __future__ import annotations

import logging

from django.db.models import F
from django_tasks import task

from . import client, services, validation
from .models import Submission, SubmissionStatus

log = logging.getLogger(__name__)


@task()
def send_notice(submission_id: int) -> str:
    submission = Submission.objects.filter(pk=submission_id, status=SubmissionStatus.QUEUED).first()
    if submission is None:
        return "gone"
    xml = bytes(submission.xml)
    if submission.attempts == 0 and (problems := validation.schematron_errors(xml, submission.kind)):
        return services.refuse(submission, problems).status
    Submission.objects.filter(pk=submission.pk).update(attempts=F("attempts") + 1)
    submission.refresh_from_db(fields=["attempts"])
    try:
        outcome = client.send(xml, str(submission.uuid))
    except client.Unavailable as error:
        log.info("notice %s: attempt %s failed (%s)", submission.uuid, submission.attempts, error)
        return services.retry_later(submission, str(error))
    return services.record_outcome(submission, outcome).status
