"""Survey results as CSV and XLSX: exactly the suppressed figures the results page shows, per
question, for all channels and for each channel, with every text cell neutralised so that a
spreadsheet never reads an answer as a formula."""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook

from coprocure.core.fields import localised
from coprocure.core.models import Procurement
from coprocure.domain import recognition
from coprocure.domain.tables import neutralise

from . import selectors
from .models import Survey

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def as_csv(survey: Survey) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(result_rows(survey))
    # The byte-order mark makes Excel open the file as UTF-8, so ä and å survive.
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(survey: Survey) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results")[:31]
    for line in result_rows(survey):
        sheet.append(line)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def payroll_rows(procurement: Procurement) -> list[list]:
    """One row per person and activity, in the order payroll usually asks for."""
    rows: list[list] = [[_("Name"), _("Username"), _("Activity"), _("Date"), _("Hours"), _("Fee (€)"),
                         _("Travel costs (€)"), _("Total (€)"), _("What they did")]]
    for item in selectors.contributions_of(procurement):
        rows.append([
            item.person.get_full_name() or item.person.username, item.person.username, localised(item.activity.title),
            item.activity.starts_at.date().isoformat() if item.activity.starts_at else "",
            str(item.hours), str(item.fee), str(item.travel_cost), str(recognition.total(item.fee, item.travel_cost)),
            item.work,
        ])
    return [[neutralise(_CONTROL.sub("", str(cell))) for cell in line] for line in rows]


def payroll_csv(procurement: Procurement) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(payroll_rows(procurement))
    return buffer.getvalue().encode("utf-8-sig")


def published_rows(procurement: Procurement) -> list[list]:
    """The answers chosen for publication as the public sees them: moderated parts replaced by a marker."""
    rows: list[list] = [[_("Survey"), _("Question"), _("In people's own words")]]
    for item in selectors.published_answers_of(procurement):
        rows.append([localised(item.question.survey.title), localised(item.question.text), item.public_text])
    return [[neutralise(_CONTROL.sub("", str(cell))) for cell in line] for line in rows]


def rows_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
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


def filename(survey: Survey, extension: str) -> str:
    return f"survey-{survey.pk}-results.{extension}"
