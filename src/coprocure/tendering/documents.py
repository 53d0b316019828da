"""Opened bid attachments as downloads (the PDF documents are rendered by ``web.pdf``)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from coprocure.domain import attachments


def attachment_response(attachment) -> HttpResponse:
    """An opened bid attachment, always downloaded and never sniffed as another type (a file
    that claims to be a PDF must not run as a page of this site)."""
    response = HttpResponse(bytes(attachment.content), content_type=attachments.KINDS[attachment.kind][0])
    fallback = attachment.name.encode("ascii", "replace").decode().replace("?", "_")
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(attachment.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
