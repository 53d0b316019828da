"""Who may see a job: the person who started it, and nobody else (administrators included).
Every page and endpoint of a job loads it here; anyone else gets the same 404 as for an id that
does not exist. A shared job (no owner) is never reached by its id: the app that made it serves
it through its own routes, after its own permission check (``shared_job``)."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.utils import timezone

from .models import Job


def own_job(user, pk) -> Job:
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        raise Http404 from None
    job = Job.objects.filter(pk=pk, owner_id=user.pk).first() if user.is_authenticated else None
    if job is None:
        raise Http404
    return job


def downloadable(job: Job) -> bool:
    """Whether the job has a file to download now (an import ends with an outcome, not a file)."""
    return (job.state == Job.State.DONE and bool(job.content_type) and job.expires_at is not None
            and job.expires_at > timezone.now())


def shared_job(key: str) -> Job | None:
    return Job.objects.filter(key=key, owner__isnull=True).first()
