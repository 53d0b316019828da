"""A survey's results written by a worker (long work, ops.work): start it here, follow it at
``GET /jobs/{id}``, download the file from the job's ``download_url``."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from ninja.responses import Status

from coprocure.api.auth import SIGNED_IN
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.ops.api import JobOut, job_out

from .. import selectors, tasks
from . import router


class ResultsExportIn(Schema):
    format: Literal["csv", "xlsx"] = "csv"


@router.post("/surveys/{pk}/results/exports", response={202: JobOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=by_pk(selectors.visible_survey), of=lambda survey: survey.procurement)
def results_export(request, pk: int, payload: ResultsExportIn):
    """The suppressed results (the same figures as ``results.csv`` and ``results.xlsx``) as a
    file a worker writes, for surveys of any size; large surveys should use this rather than
    the direct download. The procurement's staff; only the person who started it can download it."""
    return Status(202, job_out(tasks.start_results_export(request.user, target(request), payload.format)))
