"""Reminders of late and missing reports, sent once each."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation as locale
from django.utils.translation import gettext

from coprocure.audit import services as audit
from coprocure.domain import reporting
from coprocure.outbox import services as outbox

from ..models import Contract, Indicator, Measurement, ReportReminder
from .outcomes import expected_reports


def remind_late_reports(today=None) -> int:
    """E-mail the reporting party's people once for each late or missing report and record it,
    so that running again (daily, from cron) sends nothing twice. Returns the reminders sent."""
    today = today or timezone.localdate()
    indicators = (
        Indicator.objects.filter(reported_by__organisation__isnull=False, kra__contract__starts_on__lt=today)
        .select_related("kra__contract", "reported_by__organisation")
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.only("indicator", "period_start",
                                                                                        "reported_at")),
                          "reminders", "reported_by__organisation__people")
    )
    sent = 0
    for indicator in indicators:
        contract = indicator.kra.contract
        reminded = {reminder.period_start for reminder in indicator.reminders.all()}
        due = [report for report in reporting.overdue(expected_reports(contract, indicator, today))
               if report.period.start not in reminded]
        people = [person for person in indicator.reported_by.organisation.people.all() if person.is_active and person.email]
        if not people:
            continue
        for report in due:
            sent += _remind(indicator, contract, report, people)
    return sent


def _remind(indicator: Indicator, contract: Contract, report: reporting.ExpectedReport, people) -> int:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(indicator=indicator, period_start=report.period.start,
                                          period_end=report.period.end, recipients=len(people))
            audit.record(None, "contracts.report_remind", indicator, None, {
                "period_start": report.period.start, "state": report.state.value, "recipients": len(people)})
            # Written to the outbox in the same transaction: the reminder is recorded and sent, or neither.
            for person in people:
                with locale.override(person.preferred_language):
                    outbox.send(
                        to=person.email, cause=f"report-reminder:{indicator.pk}:{report.period.start}",
                        subject=gettext("Please report the results for %(indicator)s") % {"indicator": str(indicator)},
                        body=gettext("The result of “%(indicator)s” for %(start)s–%(end)s was due by %(deadline)s for "
                                     "the contract “%(contract)s”, and it has not been reported yet. Please report it on "
                                     "the contract's report page, through the API or as a file.") % {
                            "indicator": str(indicator), "contract": str(contract),
                            "start": report.period.start.strftime("%d.%m.%Y"),
                            "end": report.period.end.strftime("%d.%m.%Y"),
                            "deadline": report.deadline.strftime("%d.%m.%Y")},
                    )
    except IntegrityError:
        # Another run recorded this reminder first.
        return 0
    return 1
