"""A large organisation list is imported by a queue worker (issue 20): the request checks the
file's size and type and keeps it in an import job; the job reads its rows and imports all of
them or none through the same service as the page's direct import of a small list."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.interop import spreadsheets
from coprocure.ops import work

from . import services

TITLE = gettext_noop("Organisation list import")


def start_import(user, upload):
    return work.start_import(user, TITLE, import_list, upload.name or "", spreadsheets.checked_upload(upload))


@task()
def import_list(job_id: str) -> str:
    def apply(job, data, progress):
        table = spreadsheets.read_stored(job.filename, data)
        progress(1, 2)
        created = services.import_organisations(job.owner, table)
        progress(2, 2)
        return len(created)

    return work.run_import(job_id, apply)
