"""The whole OCDS release package as long work: a queue worker writes the day's package to a
file once, and everyone who asks that day downloads the same file (the page /open-data/ and
the API), instead of one request streaming every procurement."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.ops import work

from . import export

TITLE = gettext_noop("All open data (OCDS release package)")  # translated when shown
FILENAME = "ocds-releases.json"


def todays_key() -> str:
    return f"ocds-releases:{timezone.localdate().isoformat()}"


def todays_package():
    """Today's package job, started by the first person who asks for it."""
    return work.start_shared(todays_key(), TITLE, export_releases, FILENAME, "application/json",
                             f"{settings.COPROCURE_PUBLIC_URL}/api/v1/ocds/releases")


@task()
def export_releases(job_id: str, uri: str) -> str:
    def produce(job, out, progress):
        total = export.public_procurements().count()
        pieces = export.stream(uri)
        out.write(next(pieces).encode())  # the package's header
        progress(0, total)
        for done, piece in enumerate(pieces, start=1):
            out.write(piece.encode())
            progress(min(done, total), total)

    return work.run(job_id, produce)
