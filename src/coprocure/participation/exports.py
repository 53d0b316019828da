"""Participation's files. Survey results as CSV and XLSX: exactly the suppressed figures the
results page shows, per question, for all channels and for each channel; the answers chosen for
publication as the public sees them; the experts' work and pay for payroll. Every text cell is
neutralised so that a spreadsheet never reads an answer as a formula."""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from coprocure.audit import services as audit
from coprocure.core.fields import localised
from coprocure.core.models import Procurement
from coprocure.domain import recognition
from coprocure.domain.tables import neutralise

from . import selectors
from .models import Survey

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
# Control characters are not allowed in an XLSX file; they never carry meaning in an answer.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def result_rows(survey: Survey) -> list[list]:
    results = selectors.results(survey)
    hidden, everyone, answered = _("hidden"), _("All channels"), _("Answered")

    def count(value):
        return hidden if value is None else value

    rows: list[list] = [[_("Question number"), _("Question"), _("Answer"), _("Channel"), _("People")]]
    for row in results["channels"]:
        rows.append(["", _("Answers by channel"), "", row["label"], count(row["count"])])
    rows.append(["", _("Answers by channel"), "", _("Total"), count(results["total"])])
    for number, row in enumerate(results["questions"], start=1):
        text = localised(row["question"].text)
        rows.append([number, text, answered, everyone, count(row["answered"])])
        if "cells" in row:
            rows += [[number, text, cell["label"], everyone, count(cell["count"])] for cell in row["cells"]]
            for channel in row["channels"]:
                rows.append([number, text, answered, channel["label"], count(channel["answered"])])
                rows += [[number, text, cell["label"], channel["label"], count(cell["count"])] for cell in channel["cells"]]
        elif "mean" in row:
            rows.append([number, text, _("Average"), everyone, round(row["mean"], 2)])
        for answer in row.get("texts", []):
            rows.append([number, text, answer, everyone, ""])
    return [[cell if isinstance(cell, (int, float)) else neutralise(_CONTROL.sub("", str(cell))) for cell in line]
            for line in rows]


def payroll_rows(procurement: Procurement) -> list[list]:
    """One row per person and activity, in the order payroll usually asks for."""
    rows: list[list] = [[_("Name"), _("Username"), _("Activity"), _("Date"), _("Hours"), _("Fee (€)"),
                         _("Travel costs (€)"), _("Total (€)"), _("What they did")]]
    for item in selectors.contributions_of(procurement):
        rows.append([
            item.person.get_full_name() or item.person.username, item.person.username, localised(item.activity.title),
            item.activity.starts_at.date().isoformat() if item.activity.starts_at else "",
            finnish_decimal(item.hours), finnish_decimal(item.fee), finnish_decimal(item.travel_cost),
            finnish_decimal(recognition.total(item.fee, item.travel_cost)), item.work,
        ])
    return [[neutralise(_CONTROL.sub("", str(cell))) for cell in line] for line in rows]


def finnish_decimal(value) -> str:
    """A number as a Finnish or Swedish spreadsheet reads it: two decimals, a decimal comma, no
    grouping (a space between thousands would make the cell text)."""
    return f"{Decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}".replace(".", ",")


def published_rows(procurement: Procurement) -> list[list]:
    """The answers chosen for publication as the public sees them: moderated parts replaced by a marker."""
    rows: list[list] = [[_("Survey"), _("Question"), _("In people's own words")]]
    for item in selectors.published_answers_of(procurement):
        rows.append([localised(item.question.survey.title), localised(item.question.text), item.public_text])
    return [[neutralise(_CONTROL.sub("", str(cell))) for cell in line] for line in rows]


def rows_csv(rows: list[list], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    # The byte-order mark makes Excel open the file as UTF-8, so ä and å survive.
    return buffer.getvalue().encode("utf-8-sig")


def rows_xlsx(rows: list[list], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for line in rows:
        sheet.append(line)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rows_download(rows: list[list], extension: str, title: str, filename: str) -> HttpResponse:
    if extension == "csv":
        return _attachment(rows_csv(rows), CSV_TYPE, filename)
    return _attachment(rows_xlsx(rows, title), XLSX_TYPE, filename)


def results_download(survey: Survey, extension: str) -> HttpResponse:
    """The suppressed results as a file; shared by the page's download links and the API."""
    return _rows_download(result_rows(survey), extension, _("Results"), f"survey-{survey.pk}-results.{extension}")


def published_answers_download(procurement: Procurement, extension: str) -> HttpResponse:
    """The published answers as the public sees them; shared by the page's links and the API."""
    return _rows_download(published_rows(procurement), extension, _("In people's own words"),
                          f"procurement-{procurement.pk}-answers.{extension}")


def payroll_download(procurement: Procurement, reader) -> HttpResponse:
    """The experts' work and pay as CSV for payroll; reading it is recorded as a read of personal data."""
    audit.record_personal_data_read(reader, "payroll", procurement,
                                    selectors.contributions_of(procurement).values_list("person_id", flat=True))
    # For a payroll clerk's spreadsheet, not for machines: the Finnish Excel convention (semicolons
    # between cells, decimal commas), so that Excel in Finnish or Swedish opens it as columns of numbers.
    return _attachment(rows_csv(payroll_rows(procurement), delimiter=";"), CSV_TYPE,
                       f"procurement-{procurement.pk}-experts-payroll.csv")
