"""Turning an uploaded CSV or XLSX file into a table of cells for ``domain.spreadsheet``: the
one reader that provider reports and organisation lists share.

A spreadsheet is checked for what it would cost before it is parsed: an XLSX is a zip file,
and 1.5 MB of it can unpack to gigabytes. The zip's directory is read first and the file is
refused when it declares more than ``MAX_UNPACKED_BYTES`` in all or packs any member tighter
than ``MAX_RATIO`` (Python's zipfile never unpacks past a member's declared size, so the
declaration bounds what openpyxl can read). Then rows, columns and cell lengths are bounded
while the cells are read, so memory stays bounded whatever the file claims.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

from coprocure.core import uploads as core_uploads
from coprocure.domain import spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 5000
MAX_UNPACKED_BYTES = 50_000_000
MAX_MEMBERS = 500
# Spreadsheet XML packs at most about 1:30 in practice; zip bombs pack 1:1000 and more.
MAX_RATIO = 200
# A file larger than this is imported by a worker (a job), not read in the request.
IN_REQUEST_MAX_BYTES = 100_000


def read_table(name: str, data: bytes) -> list[list]:
    """CSV by its text, XLSX by its first sheet (recognised by content, not the file name)."""
    if core_uploads.kind_of(data) == "xlsx":
        return _read_xlsx(data)
    if name.lower().endswith((".xlsx", ".xls")):
        raise DomainError("upload_unreadable", "file")
    return _bounded(spreadsheet.read_csv(spreadsheet.decode(data)))


def read_upload(upload) -> list[list]:
    """The table of an uploaded file; an unreadable, oversized or unpacking-to-excess file is
    refused as the ``file`` field's error (413 for what would unpack too large, 422 otherwise),
    for the page's form and the API alike."""
    return read_stored(upload.name or "", upload.read())


def read_stored(name: str, data: bytes) -> list[list]:
    """``read_upload`` for a file an import job kept."""
    try:
        return read_table(name, data)
    except DomainError as error:
        raise _refused(error) from None


def checked_upload(upload) -> bytes:
    """What a request checks of a file before an import job keeps it: its size and type, and an
    XLSX's declared contents (cheap: the zip's directory only). The rows are read by the job."""
    data = upload.read()
    try:
        if core_uploads.kind_of(data) == "xlsx":
            check_archive(data)
    except DomainError as error:
        raise _refused(error) from None
    return data


def refuse_large_in_request(upload, path: str) -> None:
    """A direct import takes small files only; a large one is sent to the import job at ``path``
    (one over the upload limit gets that limit's error, as the job would give it). It is first
    checked as the job's route would check it, so a zip bomb is named as one, not as large."""
    if IN_REQUEST_MAX_BYTES < (upload.size or 0) <= settings.COPROCURE_UPLOAD_MAX_BYTES:
        checked_upload(upload)
        raise ServiceError.from_domain(DomainError("upload_import_as_job", "file", {"path": path}), status=413)


def _refused(error: DomainError) -> ServiceError:
    return ServiceError.from_domain(error, status=413 if error.code == "upload_unpacks_too_large" else 422)


def check_archive(data: bytes) -> None:
    """Refuse a zip whose declared contents are too large, too many or packed like a bomb."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DomainError("upload_unreadable", "file") from None
    unpacked = sum(member.file_size for member in members)
    packed_tight = any(member.file_size > MAX_RATIO * max(member.compress_size, 1) for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or packed_tight:
        raise DomainError("upload_unpacks_too_large", "file", {"max": MAX_UNPACKED_BYTES // 1_000_000})


def _bounded(rows) -> list[list]:
    table = []
    for row in rows:
        if len(table) >= MAX_ROWS:
            raise DomainError("upload_too_many_rows", "file", {"max": MAX_ROWS})
        row = list(row)
        while row and row[-1] in (None, ""):
            row.pop()  # trailing empty cells (formatting) are not columns
        if len(row) > MAX_COLUMNS:
            raise DomainError("upload_too_many_columns", "file", {"max": MAX_COLUMNS})
        if any(isinstance(cell, str) and len(cell) > MAX_CELL_CHARS for cell in row):
            raise DomainError("upload_cell_too_long", "file", {"max": MAX_CELL_CHARS})
        table.append(row)
    return table


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError("upload_unreadable", "file") from None
    try:
        sheet = workbook.worksheets[0]
        # The sheet's declared size is the file's word, not its content: ignored, so a claim of
        # 16,384 columns does not pad every row to that width.
        sheet.reset_dimensions()
        return _bounded(sheet.iter_rows(values_only=True))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError("upload_unreadable", "file") from None
    finally:
        workbook.close()
