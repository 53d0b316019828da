"""The whole OCDS release package as long work: written by a queue worker to a file the person
downloads from the job's page, instead of one request streaming every procurement."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.ops import work

from . import export

TITLE = gettext_noop("All open data (OCDS release package)")  # translated when shown


@task()
def export_releases(job_id: str, uri: str) -> str:
    def produce(job, out, progress):
        total = export.public_procurements().count()
        pieces = export.stream(uri)
        out.write(next(pieces).encode())  # the package's header
        for done, piece in enumerate(pieces, start=1):
            out.write(piece.encode())
            progress(min(done, total), total)

    return work.run(job_id, produce)
