"""A negotiation meeting's minutes as a PDF in the reader's language (fi, sv, en): for those who
see the meeting (its candidate, the procurement's staff, a user representative whose commitment
is recorded), the confidential part only where the visibility policy shows it (the staff)."""

from __future__ import annotations

from django.http import Http404

from coprocure.core import visibility
from coprocure.web.pdf import pdf_response

from . import selectors


def minutes_document(request, meeting):
    """404 before the minutes are written, the same 404 as a missing id."""
    if meeting.minutes_written_at is None:
        raise Http404
    procurement = meeting.stage.procurement
    return pdf_response(request, "negotiation/pdf/minutes.html", {
        # The PDFs' shared letterhead names the authority through ``tender.procurement``.
        "tender": {"procurement": procurement}, "procurement": procurement, "stage": meeting.stage,
        "meeting": meeting, "representatives": list(meeting.representatives.select_related("person")),
        "confidential": visibility.shown(request.user, meeting, "confidential_minutes"),
    }, f"neuvottelumuistio-{meeting.pk}.pdf")


def minutes_pdf(request, pk: int):
    return minutes_document(request, selectors.visible_meeting(request.user, pk))
