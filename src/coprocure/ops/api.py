"""A job's progress and result through the API: ``GET /jobs/{id}`` and ``GET /jobs/{id}/download``,
for the person who started it only (404 alike for others and for ids that do not exist)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.urls import reverse
from ninja import Router, Schema

from coprocure.api.auth import SIGNED_IN
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS

from . import pages, selectors, work

router = Router(tags=["jobs"])


class JobImportErrorOut(Schema):
    field: str
    row: int | None
    code: str
    message: str


class JobOutcomeOut(Schema):
    imported: int | None = None
    errors: list[JobImportErrorOut] | None = None


class JobOut(Schema):
    id: UUID
    state: str
    done: int
    total: int | None
    reason: str
    reason_text: str
    # An import's outcome: ``imported`` rows, or the ``errors`` (``rows.N.field``) and nothing stored.
    outcome: JobOutcomeOut | None
    download_url: str | None
    page_url: str
    expires_at: datetime | None


def job_out(job, page_url: str | None = None, download_url: str | None = None) -> dict:
    """The job as the API shows it (also the 202 body of every endpoint that starts one). A shared
    job is reached through its app's routes, which that app passes here."""
    return {
        "id": job.pk, "state": job.state, "done": job.done, "total": job.total, "reason": job.reason,
        "reason_text": str(work.REASONS.get(job.reason, "")), "outcome": job.outcome or None,
        "download_url": (download_url or f"/api/v1/jobs/{job.pk}/download") if selectors.downloadable(job) else None,
        "page_url": page_url or reverse("job_detail", args=[job.pk]), "expires_at": job.expires_at,
    }


def _load(request, **path):
    return selectors.own_job(request.user, path["pk"])


@router.get("/jobs/{pk}", response={200: JobOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=_load)
def job_detail(request, pk: UUID):
    """Progress of a job you started: ``queued``, ``running`` (``done`` of ``total``), ``done``
    (with ``download_url`` until ``expires_at``, or an import's ``outcome``) or ``failed`` (with a
    ``reason``: ``gone`` when what it was made from was deleted meanwhile, ``rejected`` when an
    import's file has errors, listed in ``outcome``; ``stopped`` when its worker died three times)."""
    return job_out(target(request))


@router.get("/jobs/{pk}/download", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=_load)
def job_download(request, pk: UUID):
    """The finished job's file, for the person who started it, until it expires."""
    return pages.download(target(request))
