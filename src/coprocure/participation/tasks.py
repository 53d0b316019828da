"""Participation's long work on the queue: a large survey's results as CSV or XLSX, written by a
worker for the person who asked (ops.work), in the language they asked in."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from coprocure.ops import work

from . import exports
from .models import Survey

RESULT_TITLES = {"csv": gettext_noop("Survey results (CSV)"), "xlsx": gettext_noop("Survey results (Excel)")}
RESULT_TYPES = {"csv": exports.CSV_TYPE, "xlsx": exports.XLSX_TYPE}


def exported_in_request(survey: Survey) -> bool:
    """Small surveys' results are still a direct download; large ones are a job."""
    return survey.responses.count() <= settings.COPROCURE_EXPORT_IN_REQUEST_MAX


def start_results_export(user, survey: Survey, extension: str):
    """The caller has checked ``participation.view_results``; the worker checks it again."""
    return work.start(user, RESULT_TITLES[extension], export_results, f"survey-{survey.pk}-results.{extension}",
                      RESULT_TYPES[extension], survey.pk, extension, translation.get_language())


@task()
def export_results(job_id: str, survey_id: int, extension: str, language: str) -> str:
    def produce(job, out, progress):
        survey = Survey.objects.select_related("activity__procurement").filter(pk=survey_id).first()
        if survey is None:
            raise work.Gone
        if not job.owner.has_perm("participation.view_results", survey.procurement):
            raise work.Refused
        with translation.override(language):
            rows = exports.result_rows(survey)
            progress(1, 2)
            out.write(exports.rows_csv(rows) if extension == "csv" else exports.rows_xlsx(rows, _("Results")))
        progress(2, 2)

    return work.run(job_id, produce)
