"""Late and missing provider reports: flagged on the contract page and the dashboard, and
reminded once per period by `coprocure remind-reports`."""

from datetime import date

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import Indicator, ReportReminder

from .. import factories
from ..factories import text


def _reported_by_provider(indicator, contract):
    Indicator.objects.filter(pk=indicator.pk).update(reported_by=contract.parties.get(role="provider"))


def test_remind_reports_sends_once_per_late_period_and_records_it(official, contract, indicator, reporter, capsys,
                                                                  django_capture_on_commit_callbacks):
    _reported_by_provider(indicator, contract)
    reporter.email = "raportoija@example.org"
    reporter.save()
    factories.UserFactory(organisation=reporter.organisation, email="", position="representative")  # no address
    services.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-01", "75"]],
                                 source="ui")
    # On 15 April 2025 January is reported, February (due 30 March) is late and March is still awaited.
    with django_capture_on_commit_callbacks(execute=True):  # delivered by the outbox once committed
        sent = services.remind_late_reports(today=date(2025, 4, 15))
    assert sent == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == ["raportoija@example.org"]
    assert "28.02.2025" in mail.outbox[0].body and "Asuu yhä omassa kodissa" in mail.outbox[0].subject
    reminder = ReportReminder.objects.get()
    assert (reminder.period_start, reminder.recipients) == (date(2025, 2, 1), 1)
    assert AuditEntry.objects.filter(action="contracts.report_remind").count() == 1
    # Running again the same day, or the next, sends nothing twice; a newly late March is reminded.
    assert services.remind_late_reports(today=date(2025, 4, 16)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_late_reports(today=date(2025, 5, 2)) == 1
    assert [r.period_start.month for r in ReportReminder.objects.all()] == [2, 3]
    assert len(mail.outbox) == 2
    call_command("remind-reports")
    first_run = capsys.readouterr().out
    call_command("remind-reports")
    assert "Sent 0 reminder(s)." in capsys.readouterr().out and first_run.startswith("Sent ")


def test_nobody_is_emailed_for_an_indicator_without_a_reporter(contract, indicator, reporter):
    reporter.email = "raportoija@example.org"
    reporter.save()
    assert services.remind_late_reports(today=date(2025, 6, 1)) == 0
    assert not mail.outbox and not ReportReminder.objects.exists()


def test_late_and_missing_reports_are_flagged_on_the_contract_page_and_the_dashboard(client, official, contract, indicator):
    _reported_by_provider(indicator, contract)
    services.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-01", "75"]],
                                 source="ui")
    page = client.get(reverse("contract_detail", args=[contract.pk]))
    flag = page.context["report_flags"][0]
    # Today (2026) every month from February 2025 on is long past its deadline, except the last ones.
    assert flag.indicator == indicator and flag.missing[0].period.start == date(2025, 2, 1)
    assert all(report.period.start != date(2025, 1, 1) for report in flag.late + flag.missing)
    html = page.content.decode()
    assert "Raportit, jotka eivät ole tulleet" in html and "Päihdepalvelut Kulma Oy" in html
    outcomes = client.get(reverse("contract_outcomes", args=[contract.pk])).content.decode()
    assert "Puuttuvat raportit" in outcomes


def test_the_contract_page_query_count_does_not_grow_with_the_indicators(client, official, contract, indicator,
                                                                        django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("contract_detail", args=[contract.pk]))
    kra = services.add_kra(official, contract, {"name": text("Odotus"), "description": {}, "weight": "0.5"})
    services.add_indicator(official, kra, {
        "code": "odotus", "name": text("Odotuspäivät"), "unit": "days", "direction": "lower_is_better",
        "baseline": None, "minimum": 30, "target": 20, "excellent": 10, "frequency": "quarterly",
        "data_source": "register", "reported_by": None,
    })
    with django_assert_max_num_queries(len(one)):
        page = client.get(reverse("contract_detail", args=[contract.pk]))
    assert len(page.context["report_flags"]) == 2
