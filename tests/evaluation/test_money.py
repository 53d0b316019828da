"""Money shown as money: every euro amount of the evaluation report (page in each language, PDF,
open data) and of the experts' payroll export has two decimals, formatted for its reader."""

import csv
import importlib
import io
import re
import subprocess
from datetime import date
from decimal import Decimal
from types import SimpleNamespace


from coprocure.evaluation import selectors
from coprocure.participation import exports

from .conftest import report_pdf

LONG = Decimal("1234567.891234567891234567891234567891234567891234")  # a statement's figure, unrounded
report_module = importlib.import_module("coprocure.evaluation.selectors.report")
PAYMENT = LONG * Decimal("1.1")  # 1358024.680358…
# Two decimals and more: a number with a decimal point or comma followed by three digits or more
# that are not a thousands group (groups are separated by a space in Finnish and Swedish).
TOO_PRECISE = re.compile(r"\d[.,]\d{3,}(?![\d,.]?\d)|\d\.\d{3}\d+")


def with_money(monkeypatch, official_fees=LONG / 7):
    real = report_module.outcomes

    def outcomes(procurement):
        data = real(procurement)
        data["settlements"] = [{"period": "2025/1", "starts_on": date(2025, 1, 1), "ends_on": date(2025, 6, 30),
                                "target_cost": LONG, "actual_cost": LONG / 3, "kra_score": Decimal("0.5"),
                                "payment": PAYMENT}]
        return data
    monkeypatch.setattr(report_module, "outcomes", outcomes)
    real_restricted = selectors.restricted

    def restricted(procurement):
        data = real_restricted(procurement)
        data["work"] = [{"phase": "Valmistelu", "hours": Decimal("2.5"), "fees": official_fees, "travel": LONG / 9,
                         "people": 5}]
        data["fees"] = official_fees
        return data
    monkeypatch.setattr(selectors, "restricted", restricted)


def euro_cells(html: str) -> list[str]:
    """The cells of the columns whose headers say (€)."""
    found = []
    for table in re.findall(r"<table.*?</table>", html, re.S):
        headers = re.findall(r'<th scope="col">(.*?)</th>', table)
        columns = [index for index, header in enumerate(headers) if "€" in header]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            if 'scope="row"' in row:
                cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
                found += [cells[index] for index in columns if index < len(cells)]
    return found


def test_the_report_page_shows_euros_with_two_decimals_in_each_language(client, world, official, monkeypatch):
    with_money(monkeypatch)
    client.force_login(official)
    expected = {"": "1\xa0234\xa0567,89", "/sv": "1\xa0234\xa0567,89", "/en": "1,234,567.89"}
    for prefix, target_cost in expected.items():
        page = client.get(f"{prefix}/procurements/{world.procurement.pk}/evaluation/").content.decode()
        assert target_cost in page, prefix
        cells = euro_cells(page)
        assert cells and not [cell for cell in cells if TOO_PRECISE.search(cell.replace("\xa0", " "))], (prefix, cells)
        assert "8912345" not in page and "0358" not in page


def test_the_pdf_and_the_open_data_show_cents(client, world, monkeypatch):
    with_money(monkeypatch)
    pdf = report_pdf(client, f"/en/procurements/{world.procurement.pk}/evaluation/report.pdf")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "1,234,567.89" in text and "1,358,024.68" in text and "8912345" not in text
    data = client.get(f"/api/v1/procurements/{world.procurement.pk}/evaluation").json()
    [settlement] = data["outcomes"]["settlements"]
    assert settlement["target_cost"] == "1234567.89" and settlement["payment"] == "1358024.68"
    assert settlement["actual_cost"] == "411522.63"
    rows = dict(list(csv.reader(io.StringIO(
        client.get(f"/procurements/{world.procurement.pk}/evaluation/figures.csv").content.decode())))[1:])
    assert rows["outcomes.settlements[0].payment"] == "1358024.68"


def test_the_payroll_csv_is_for_finnish_excel(monkeypatch):
    person = SimpleNamespace(get_full_name=lambda: "Kaisa Kokemus", username="kaisa")
    activity = SimpleNamespace(title={"fi": {"text": "Työpaja", "origin": "human"}}, starts_at=None)
    contribution = SimpleNamespace(person=person, activity=activity, hours=Decimal("1.5"), fee=Decimal("1234.5"),
                                   travel_cost=Decimal("0.456"), work="Työpajan vetäminen")
    monkeypatch.setattr(exports.selectors, "contributions_of", lambda procurement: [contribution])
    rows = exports.payroll_rows(None)
    assert rows[1][4:8] == ["1,50", "1234,50", "0,46", "1234,96"]
    body = exports.rows_csv(rows, delimiter=";").decode("utf-8-sig")
    assert body.splitlines()[1].split(";")[4:8] == ["1,50", "1234,50", "0,46", "1234,96"]
    assert all(re.fullmatch(r"-?\d+,\d{2}", cell) for cell in rows[1][4:8])
