"""What a bid may attach: a few document and image types, recognised by their content (magic
bytes and, for the office formats, the parts inside the ZIP container), never by name alone,
and at most ``MAX_BYTES`` long."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from .errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
MAX_NAME = 200

# kind: (content type, accepted file name endings)
KINDS = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
}


@dataclass(frozen=True)
class Attachment:
    name: str
    kind: str

    @property
    def content_type(self) -> str:
        return KINDS[self.kind][0]


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == KINDS["odt"][0].encode():
                return "odt"
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, EOFError):
        return None
    return None


def detect(data: bytes) -> str | None:
    """The kind of file ``data`` is, or None when it is none of the allowed kinds."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def safe_name(name: str) -> str:
    """The file's own name without any folder, control characters or quotes, at most MAX_NAME long."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C" and c not in '"')
    cleaned = cleaned.strip(" .")
    if len(cleaned) > MAX_NAME:
        stem, dot, ending = cleaned.rpartition(".")
        cleaned = (stem[: MAX_NAME - len(ending) - 1] + dot + ending) if dot and len(ending) < 10 else cleaned[:MAX_NAME]
    return cleaned


def check(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> Attachment:
    """An allowed attachment, or the first problem: empty, too large, a kind not allowed, or a
    name whose ending does not match what the file really is."""
    if not data:
        raise DomainError("attachment_empty", "file")
    if len(data) > max_bytes:
        raise DomainError("attachment_too_large", "file", {"max": max_bytes // (1024 * 1024)})
    kind = detect(data)
    if kind is None:
        raise DomainError("attachment_type_not_allowed", "file")
    clean = safe_name(name)
    if not clean.lower().endswith(KINDS[kind][1]):
        raise DomainError("attachment_name_mismatch", "file")
    return Attachment(clean, kind)


def check_count(existing: int) -> None:
    """A bid carries at most MAX_FILES attachments."""
    if existing >= MAX_FILES:
        raise DomainError("attachment_too_many", "file", {"max": MAX_FILES})
