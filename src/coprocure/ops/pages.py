"""A job's page: its progress (refreshed in place with HTMX while it runs) and, when ready, the
download link; and the download itself."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from . import selectors, work
from .models import Job


@login_required
def job_detail(request, pk):
    job = selectors.own_job(request.user, pk)
    return render(request, "ops/job.html", {"job": job, "state": job.state, "state_label": Job.State(job.state).label,
                                            "downloadable": selectors.downloadable(job),
                                            "reason": work.REASONS.get(job.reason)})


@login_required
def job_download(request, pk):
    return download(selectors.own_job(request.user, pk))


def download(job, attachment: bool = True) -> FileResponse:
    """The result, as an attachment or shown in the browser (pages and API share it); 404 once it
    has expired."""
    if not selectors.downloadable(job):
        raise Http404
    path = work.result_path(job)
    if not path.exists():
        raise Http404
    response = FileResponse(path.open("rb"), as_attachment=attachment, filename=job.filename,
                            content_type=job.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
