"""The evaluation report's PDF as long work: a queue worker renders it (WeasyPrint takes seconds
for a large report) into a shared job's file, which every reader of the report is served from.
The PDF holds the report's public parts only, so one file per procurement, language and version
of what the report shows serves everyone; a change to the procurement's records makes a new
version (caching.versions), and the first reader after it has the next file rendered."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.caching import versions
from coprocure.core.models import Procurement
from coprocure.ops import work
from coprocure.web.pdf import pdf_bytes

from . import selectors

TITLE = gettext_noop("Evaluation report (PDF)")


def report_pdf_job(procurement: Procurement, base_url: str):
    """The job of the report's current version in the reader's language, started if no one has."""
    language = translation.get_language()
    version = "-".join(str(v) for v in versions.current(versions.EVERYTHING, versions.procurement_key(procurement.pk)))
    return work.start_shared(f"evaluation-pdf:{procurement.pk}:{language}:{version}", TITLE, report_pdf,
                             f"arviointi-{procurement.pk}.pdf", "application/pdf", procurement.pk, language, base_url)


@task()
def report_pdf(job_id: str, procurement_id: int, language: str, base_url: str) -> str:
    def produce(job, out, progress):
        procurement = Procurement.objects.select_related("authority").filter(pk=procurement_id).first()
        if procurement is None:
            raise work.Gone
        with translation.override(language):
            # The shared PDF layout heads each page from ``tender.procurement``.
            html = render_to_string("evaluation/pdf/report.html", {
                "procurement": procurement, "tender": {"procurement": procurement},
                "report": selectors.report(procurement)})
            progress(1, 2)
            out.write(pdf_bytes(html, base_url))
        progress(2, 2)

    return work.run(job_id, produce)
