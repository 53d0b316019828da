"""The evaluation report's PDF as long work: a queue worker renders it (WeasyPrint takes seconds
for a large report) and the person who asked downloads it from the job's page (ops.work)."""

from __future__ import annotations

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.core.models import Procurement
from coprocure.ops import work
from coprocure.web.pdf import pdf_bytes

from . import selectors

TITLE = gettext_noop("Evaluation report (PDF)")


def start_report_pdf(user, procurement: Procurement, base_url: str):
    return work.start(user, TITLE, report_pdf, f"arviointi-{procurement.pk}.pdf", "application/pdf",
                      procurement.pk, translation.get_language(), base_url)


@task()
def report_pdf(job_id: str, procurement_id: int, language: str, base_url: str) -> str:
    def produce(job, out, progress):
        if not Procurement.objects.filter(pk=procurement_id).exists():
            raise work.Gone
        try:
            procurement = selectors.evaluated_procurement(job.owner, procurement_id)
        except Http404:
            raise work.Refused from None
        with translation.override(language):
            html = render_to_string("evaluation/pdf/report.html", {
                "procurement": procurement, "tender": {"procurement": procurement},
                "report": selectors.report(procurement)})
            progress(1, 2)
            out.write(pdf_bytes(html, base_url))
        progress(2, 2)

    return work.run(job_id, produce)
