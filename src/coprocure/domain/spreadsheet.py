"""Reading providers' outcome reports from Finnish spreadsheet exports, and checking every row.

Excel in Finland saves CSV with semicolons, comma decimals ("12,5"), spaces or dots grouping
thousands, and either Windows-1252 or UTF-8 with a byte-order mark; XLSX cells arrive as
numbers and dates. Everything is checked before anything is stored, and each problem is
reported against its row, so that a provider can fix the file and send it again whole.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import DomainError

FREQUENCIES = ("monthly", "quarterly", "yearly")

# Header names a provider may use, in Finnish, Swedish or English; compared case-insensitively.
HEADERS = {
    "indicator": ("mittari", "indikaattori", "koodi", "mätare", "indikator", "kod", "indicator", "code"),
    "period": ("jakso", "kausi", "ajanjakso", "kuukausi", "period", "månad", "month"),
    "value": ("arvo", "tulos", "värde", "resultat", "value"),
    "unit": ("yksikkö", "enhet", "unit"),
}
REQUIRED = ("indicator", "period", "value")

UNITS = {
    "percent": ("%", "prosentti", "prosenttia", "procent", "percent", "per cent"),
    "count": ("kpl", "lkm", "henkilöä", "hlö", "st", "antal", "count", "number"),
    "days": ("pv", "päivää", "päivä", "vrk", "dagar", "dygn", "days", "d"),
    "eur": ("€", "eur", "euroa", "euro", "euros"),
    "score": ("pistettä", "pisteet", "p", "poäng", "score", "points"),
}
_UNIT_BY_NAME = {name: unit for unit, names in UNITS.items() for name in names}

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"^([+-]?)(\d+(?:[.,]\d+)*)$")


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    unit: str
    frequency: str


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Row:
    number: int  # the row's number as the spreadsheet shows it (the header is row 1)
    indicator: str
    period: Period
    value: Decimal


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    code: str
    params: dict = field(default_factory=dict)


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, which decodes any byte
    sequence Excel writes on a Finnish Windows machine."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(text: str) -> list[list[str]]:
    """Rows of cells. The delimiter is the one the header line uses most: a semicolon in
    Finnish exports, a comma or tab elsewhere."""
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    delimiter = max(";,\t", key=lambda candidate: (header.count(candidate), candidate == ";"))
    try:
        # newline="" lets the reader see every kind of line ending, as the csv module asks.
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:
        # Not a table at all (a picture or other binary sent by mistake).
        raise DomainError("upload_unreadable", "file") from None


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def period_of(day: date, frequency: str) -> Period:
    """The monthly, quarterly or yearly period a day falls in."""
    if frequency == "monthly":
        return Period(date(day.year, day.month, 1), _month_end(day.year, day.month))
    if frequency == "quarterly":
        first = 3 * ((day.month - 1) // 3) + 1
        return Period(date(day.year, first, 1), _month_end(day.year, first + 2))
    return Period(date(day.year, 1, 1), date(day.year, 12, 31))


_MONTH = [re.compile(p) for p in (r"^(\d{4})-(\d{1,2})$", r"^(\d{1,2})[/.](\d{4})$")]
_QUARTER = [re.compile(p, re.IGNORECASE) for p in (r"^(\d{4})\s*[-/ ]?\s*Q([1-4])$", r"^Q([1-4])\s*[-/ ]?\s*(\d{4})$")]
_DAY = [re.compile(p) for p in (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")]


def parse_period(cell: Any, frequency: str) -> Period:
    """A period written as 2025-03, 3/2025, 3.2025, 2025-Q1, Q1/2025, 2025, or any day in it
    (1.3.2025, 2025-03-01, or a date cell)."""
    if isinstance(cell, datetime):
        return period_of(cell.date(), frequency)
    if isinstance(cell, date):
        return period_of(cell, frequency)
    text = _SPACES.sub(" ", str(cell if cell is not None else "")).strip()
    try:
        for pattern in _DAY:
            match = pattern.match(text)
            if match:
                a, b, c = (int(g) for g in match.groups())
                day = date(a, b, c) if pattern is _DAY[0] else date(c, b, a)
                return period_of(day, frequency)
        if frequency == "monthly":
            for index, pattern in enumerate(_MONTH):
                match = pattern.match(text)
                if match:
                    year, month = (int(g) for g in (match.groups() if index == 0 else reversed(match.groups())))
                    return period_of(date(year, month, 1), frequency)
        if frequency == "quarterly":
            for index, pattern in enumerate(_QUARTER):
                match = pattern.match(text)
                if match:
                    year, quarter = (int(g) for g in (match.groups() if index == 0 else reversed(match.groups())))
                    return period_of(date(year, 3 * quarter - 2, 1), frequency)
        if frequency == "yearly" and re.fullmatch(r"\d{4}", text):
            return period_of(date(int(text), 1, 1), frequency)
    except ValueError:
        pass
    raise DomainError("upload_bad_period", "period", {"frequency": frequency})


def parse_value(cell: Any) -> tuple[Decimal, str | None]:
    """A number and the unit written after it, if any: "12,5", "1 234,5", "1.234,5", "85 %",
    "14 pv", "−3". A number cell from XLSX is taken as it is."""
    if isinstance(cell, bool):
        raise DomainError("upload_bad_value", "value")
    if isinstance(cell, (int, Decimal)):
        return Decimal(cell), None
    if isinstance(cell, float):
        return Decimal(repr(cell)), None
    text = str(cell if cell is not None else "").strip().replace("\u2212", "-")
    match = re.match(r"^([+-]?[\d\s\u00a0\u202f.,]*\d)\s*(.*)$", text)
    if not match:
        raise DomainError("upload_bad_value", "value")
    number, suffix = _SPACES.sub("", match.group(1)), match.group(2).strip().lower()
    unit = None
    if suffix:
        unit = _UNIT_BY_NAME.get(suffix)
        if unit is None:
            raise DomainError("upload_bad_value", "value")
    if not _NUMBER.match(number):
        raise DomainError("upload_bad_value", "value")
    if "," in number:
        # A comma is the decimal separator; dots before it group thousands (1.234,5).
        if number.count(",") > 1:
            raise DomainError("upload_bad_value", "value")
        whole, fraction = number.split(",")
        number = whole.replace(".", "") + "." + fraction
    elif number.count(".") > 1:
        number = number.replace(".", "")
    try:
        return Decimal(number), unit
    except InvalidOperation:
        raise DomainError("upload_bad_value", "value") from None


def parse_unit(cell: Any) -> str | None:
    text = str(cell if cell is not None else "").strip().lower()
    if not text:
        return None
    unit = _UNIT_BY_NAME.get(text) or (text if text in UNITS else None)
    if unit is None:
        raise DomainError("upload_wrong_unit", "unit", {"unit": text})
    return unit


def find_columns(header: list[Any], headers: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Which column holds each key, by the header names a person may use (case-insensitive)."""
    names = [str(cell if cell is not None else "").strip().lower() for cell in header]
    columns = {}
    for key, aliases in headers.items():
        for index, name in enumerate(names):
            if name in aliases:
                columns[key] = index
                break
    return columns


def _columns(header: list[Any]) -> dict[str, int]:
    return find_columns(header, HEADERS)


def cell_at(row: list[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def is_blank(row: list[Any]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def validate(
    table: list[list[Any]], specs: dict[str, IndicatorSpec], contract_start: date, contract_end: date,
    existing: frozenset[tuple[str, date]] = frozenset(),
) -> tuple[list[Row], list[RowError]]:
    """Check every row; the rows are good to store only when the error list is empty.

    ``existing`` holds the (indicator code, period start) pairs already reported, so that a
    period reported twice, in the file or before it, is caught as a duplicate.
    """
    rows: list[Row] = []
    errors: list[RowError] = []
    start = next((i for i, row in enumerate(table) if not is_blank(row)), None)
    if start is None:
        return [], [RowError(1, "file", "upload_empty")]
    columns = _columns(table[start])
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        return [], [RowError(start + 1, key, "upload_missing_column", {"column": key}) for key in missing]
    seen = set(existing)
    for index in range(start + 1, len(table)):
        raw, number = table[index], index + 1
        if is_blank(raw):
            continue
        row_errors = []
        code = str(cell_at(raw, columns["indicator"]) or "").strip().lower()
        spec = specs.get(code)
        if spec is None:
            errors.append(RowError(number, "indicator", "upload_unknown_indicator", {"indicator": code}))
            continue
        try:
            period = parse_period(cell_at(raw, columns["period"]), spec.frequency)
        except DomainError as error:
            period = None
            row_errors.append(RowError(number, "period", error.code, error.params))
        try:
            value, written_unit = parse_value(cell_at(raw, columns["value"]))
            declared = parse_unit(cell_at(raw, columns.get("unit")))
            for unit in (written_unit, declared):
                if unit is not None and unit != spec.unit:
                    raise DomainError("upload_wrong_unit", "unit", {"unit": unit, "expected": spec.unit})
            if spec.unit == "percent" and not Decimal(0) <= value <= Decimal(100):
                raise DomainError("upload_percent_range", "value")
            if spec.unit in {"count", "days", "eur"} and value < 0:
                raise DomainError("upload_negative", "value")
        except DomainError as error:
            value = None
            row_errors.append(RowError(number, error.field or "value", error.code, error.params))
        if period is not None:
            if period.end < contract_start or period.start > contract_end:
                row_errors.append(RowError(number, "period", "upload_period_outside_contract"))
            elif (code, period.start) in seen:
                row_errors.append(RowError(number, "period", "upload_duplicate_period"))
            else:
                seen.add((code, period.start))
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(Row(number, code, period, value))
    if not rows and not errors:
        errors.append(RowError(start + 1, "file", "upload_empty"))
    return rows, errors


def due_periods(contract_start: date, contract_end: date, frequency: str, today: date) -> list[Period]:
    """The periods of the contract that have ended before today, oldest first: each should
    have been reported by now, so any of them without a value is a missing report."""
    periods = []
    period = period_of(contract_start, frequency)
    while period.end < today and period.start <= contract_end:
        periods.append(period)
        period = period_of(date.fromordinal(period.end.toordinal() + 1), frequency)
    return periods
