"""The open-data page: today's OCDS release package of every public procurement, written by a
worker once a day for everyone (interop.ocds.tasks) and downloaded from here."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coprocure.ops import pages as ops_pages
from coprocure.ops import selectors as ops_selectors
from coprocure.ops import work
from coprocure.ops.models import Job

from .ocds import tasks


@require_http_methods(["GET", "POST"])
def open_data(request):
    """Anyone may start today's file (or join it when it is under way); the page follows it."""
    if request.method == "POST":
        tasks.todays_package()
        return redirect("open_data")
    job = ops_selectors.shared_job(tasks.todays_key())
    return render(request, "interop/open_data.html", {
        "job": job, "state": job.state if job else "", "state_label": Job.State(job.state).label if job else "",
        "downloadable": job is not None and ops_selectors.downloadable(job),
        "reason": work.REASONS.get(job.reason) if job else None,
    })


def open_data_package(request):
    """Today's file once it is ready; before that, the page that offers to prepare it."""
    job = ops_selectors.shared_job(tasks.todays_key())
    if job is None or not ops_selectors.downloadable(job):
        return redirect("open_data")
    return ops_pages.download(job)
