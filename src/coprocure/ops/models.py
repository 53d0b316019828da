"""Long work a person started (a bulk export, a large survey's results, a report PDF, an
import), run by a queue worker outside the request. The person follows its progress on a page
or through the API and downloads the result (or reads an import's outcome) until it expires."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("not completed")

    # Random, so that ids say nothing about how many jobs others started.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # None for a shared job (the day's open data, a report's PDF): anyone may follow it and download
    # its file, and a second start with the same ``key`` reuses it instead of doing the work again.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # The English message id of the job's title, translated when shown (gettext_noop at the start).
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    # Why a job did not complete, as a code (ops.work.REASONS): never an exception's text.
    reason = models.CharField(max_length=20, blank=True)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written when the worker starts and with each progress report: a running job whose worker
    # died stops beating, and is queued again (ops.work.restart_stalled).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the sweep needs to queue the job again when its worker died (ops.work.restart_stalled).
    task_path = models.CharField(max_length=200, blank=True)
    args = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # An import's file, kept in the database so that a worker on any host can read it; emptied
    # when the job ends. Its outcome: {"imported": n} or {"errors": [{"field", "code", "message"}]}.
    upload = models.BinaryField(null=True, blank=True, editable=False)
    outcome = models.JSONField(default=dict, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="ops_job_expiry")]

    def __str__(self) -> str:
        return f"{self.title} ({self.state})"
