"""The draw as long work: staff start it, a queue worker runs the lottery (seconds, in a child
process) and stores the result, and the draw's page follows the job's progress (ops.work)."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.audit import services as audit
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.ops import work
from coprocure.ops.models import Job

from . import draws
from .models import Draw

TITLE = gettext_noop("The panel's draw")


def start_draw(actor, draw: Draw) -> Job:
    """Check at once what can be checked (quotas the volunteers cannot meet, a drawn seed), then
    queue the lottery. One job at a time per draw; a drawn seed is refused like any repeat."""
    draw = Draw.objects.select_related("panel__procurement").get(pk=draw.pk)
    draws.checked(actor, draw)
    with transaction.atomic():
        locked = Draw.objects.select_for_update(of=("self",)).select_related("job").get(pk=draw.pk)
        if locked.is_done:
            raise draws.refuse_repeat(actor, locked)
        if locked.job is not None and locked.job.state in (Job.State.QUEUED, Job.State.RUNNING):
            raise ServiceError.from_domain(DomainError("draw_running", None), status=409)
        locked.job = work.start(actor, TITLE, run_draw, f"panel-{locked.panel_id}-draw-{locked.pk}.json",
                                "application/json", locked.pk, translation.get_language())
        locked.failure = {}
        locked.save(update_fields=["job", "failure"])
        audit.record(actor, "panels.draw_started", locked, None,
                     {"seed_commitment": locked.seed_commitment, "job": str(locked.job.pk)})
    return locked.job


@task()
def run_draw(job_id: str, draw_id: int, language: str) -> str:
    def produce(job, out, progress):
        draw = Draw.objects.select_related("panel__procurement").filter(pk=draw_id).first()
        if draw is None:
            raise work.Gone
        if not job.owner.has_perm("panels.manage", draw.panel):
            raise work.Refused
        progress(1, 3)
        # The volunteers are told in their own languages; the failure is kept as a code.
        with translation.override(language):
            drawn = draws.make_draw(job.owner, draw)
        progress(2, 3)
        out.write(drawn.verification_file.encode("utf-8"))
        progress(3, 3)

    return work.run(job_id, produce)
