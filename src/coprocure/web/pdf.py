"""Pages as PDF documents, rendered by WeasyPrint from the same templates' data as the pages,
in the language of the request (Finnish by default).

The fonts are the system's DejaVu Sans (Debian's fonts-dejavu-core), which covers ä, ö and å
and Swedish and English; nothing is fetched over the network while rendering.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango and its fonts, which only the PDF views need.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
