"""A large provider report is imported by a queue worker (issue 20): the request checks the
file's size and type and keeps it in an import job; the job reads its rows and stores all of
them or none through the same service as the page's direct report of a small file."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.interop import spreadsheets
from coprocure.ops import work

from . import services
from .models import Contract

TITLE = gettext_noop("Provider report import")


def start_import(user, contract: Contract, upload):
    return work.start_import(user, TITLE, import_report, upload.name or "", spreadsheets.checked_upload(upload),
                             contract.pk)


@task()
def import_report(job_id: str, contract_id: int) -> str:
    def apply(job, data, progress):
        contract = Contract.objects.filter(pk=contract_id).first()
        if contract is None:
            raise work.Gone
        table = spreadsheets.read_stored(job.filename, data)
        progress(1, 2)
        stored = services.report_measurements(job.owner, contract, table, source="upload")
        progress(2, 2)
        return len(stored)

    return work.run_import(job_id, apply)
