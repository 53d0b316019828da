"""Turning an uploaded CSV or XLSX file into a table of cells for ``domain.spreadsheet``: the
one reader that provider reports and organisation lists share."""

from __future__ import annotations

import io
import zipfile

from coprocure.core import uploads as core_uploads
from coprocure.domain import spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

MAX_ROWS = 5000


def read_table(name: str, data: bytes) -> list[list]:
    """CSV by its text, XLSX by its first sheet (recognised by content, not the file name)."""
    if core_uploads.kind_of(data) == "xlsx":
        return _read_xlsx(data)
    if name.lower().endswith((".xlsx", ".xls")):
        raise DomainError("upload_unreadable", "file")
    table = spreadsheet.read_csv(spreadsheet.decode(data))
    if len(table) > MAX_ROWS:
        raise DomainError("upload_too_many_rows", "file", {"max": MAX_ROWS})
    return table


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError("upload_unreadable", "file") from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append(list(row))
            if len(table) > MAX_ROWS:
                raise DomainError("upload_too_many_rows", "file", {"max": MAX_ROWS})
        return table
    finally:
        workbook.close()


def read_upload(upload) -> list[list]:
    """The table of an uploaded file; an unreadable or oversized file is refused as the
    ``file`` field's error (422), for the page's form and the API alike."""
    try:
        return read_table(upload.name or "", upload.read())
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
