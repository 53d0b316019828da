from __future__ import annotations

from django_tasks import task

from . import schedule


@task()
def run(claim_id: int) -> str:
    return schedule.run_claimed(claim_id)
