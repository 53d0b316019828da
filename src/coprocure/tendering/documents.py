"""The invitation to tender and the award decision as PDF documents, rendered by WeasyPrint
from the same data as the pages, in the language of the request (Finnish by default), and
opened bid attachments as downloads.

The fonts are the system's DejaVu Sans (Debian's fonts-dejavu-core), which covers ä, ö and å
and Swedish and English; nothing is fetched over the network while rendering.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string

from coprocure.domain import attachments


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango and its fonts, which only these two views need.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def attachment_response(attachment) -> HttpResponse:
    """An opened bid attachment, always downloaded and never sniffed as another type (a file
    that claims to be a PDF must not run as a page of this site)."""
    response = HttpResponse(bytes(attachment.content), content_type=attachments.KINDS[attachment.kind][0])
    fallback = attachment.name.encode("ascii", "replace").decode().replace("?", "_")
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(attachment.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
