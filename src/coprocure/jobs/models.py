from __future__ import annotations

from django.db import models


class PeriodicRun(models.Model):
    """One periodic job's run for one period. The unique key is the claim: of any number of
    workers whose clocks reach the period, exactly one inserts the row and queues the job."""

    job = models.CharField(max_length=50)
    period = models.CharField(max_length=20)
    queued_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="jobs_periodic_run_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
