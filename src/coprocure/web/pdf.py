"""Pages as PDF documents, rendered by WeasyPrint from the same templates' data as the pages,
in the language of the request (Finnish by default).

The fonts are the system's DejaVu Sans (Debian's fonts-dejavu-core), which covers ä, ö and å
and Swedish and English; nothing is fetched over the network while rendering.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(pdf_bytes(html, request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def pdf_bytes(html: str, base_url: str) -> bytes:
    """The document itself, for a view or for a queue worker that has no request."""
    # Imported here: WeasyPrint loads Pango and its fonts, which only the PDF views need.
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
