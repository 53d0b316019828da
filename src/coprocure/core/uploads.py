"""The one check every uploaded file passes before anything reads it: its size and its type,
decided by its first bytes (magic numbers), never by its name or the browser's content type.

Uploaded files are read and discarded; none is stored, so none is ever served back.
"""

from __future__ import annotations

from django.conf import settings

from coprocure.domain.errors import DomainError

XLSX_MAGIC = b"PK\x03\x04"
# Formats that are sometimes renamed to .csv by mistake (or on purpose): refused by content.
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"MZ", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b",
                b"Rar!", b"7z\xbc\xaf", b"<!DOCTYPE", b"<html", b"<?xml")


def kind_of(data: bytes) -> str:
    """'xlsx' or 'csv' for an acceptable file; otherwise a DomainError a form can show."""
    limit = settings.COPROCURE_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise DomainError("upload_too_large", "file", {"max": limit // 1_000_000})
    if data.startswith(XLSX_MAGIC) and "xlsx" in settings.COPROCURE_UPLOAD_TYPES:
        return "xlsx"
    head = data[:65536]
    if ("csv" in settings.COPROCURE_UPLOAD_TYPES and b"\x00" not in head
            and not head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(tuple(m.lower() for m in BINARY_MAGIC))):
        return "csv"
    raise DomainError("upload_wrong_type", "file")
