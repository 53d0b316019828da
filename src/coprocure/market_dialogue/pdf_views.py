"""A market dialogue session's published minutes as a PDF in the reader's language (fi, sv, en):
public once published, their confidential part only where the visibility policy shows it (the
procurement's staff)."""

from __future__ import annotations

from django.http import Http404

from coprocure.core import visibility
from coprocure.web.pdf import pdf_response

from . import selectors


def minutes_document(request, session):
    """404 before the minutes are published, the same 404 as a missing id."""
    if not session.is_published:
        raise Http404
    procurement = session.stage.procurement
    return pdf_response(request, "market_dialogue/pdf/minutes.html", {
        # The PDFs' shared letterhead names the authority through ``tender.procurement``.
        "tender": {"procurement": procurement}, "procurement": procurement, "session": session,
        "seated": selectors.seated(session.stage),
        "minutes": visibility.shown(request.user, session, "minutes", ""),
        "confidential": visibility.shown(request.user, session, "confidential_minutes", ""),
    }, f"markkinavuoropuhelu-muistio-{session.pk}.pdf")


def minutes_pdf(request, pk: int):
    return minutes_document(request, selectors.session(request.user, pk))
