"""The decision reducing a round's candidates as a PDF in the reader's language (fi, sv, en),
rendered like the selection decision: the page's and the API's one document."""

from __future__ import annotations

from django.http import Http404

from coprocure.tendering import instructions
from coprocure.web.pdf import pdf_response

from .. import selectors


def reduction_document(request, box):
    """404 before the decision (as for a missing id); each candidate's name and reason only for
    those who see them on the round's page (the authority's people and the candidates)."""
    stage, procurement = box.stage, box.procurement
    decision = selectors.reduction_of(stage)
    if decision is None:
        raise Http404
    candidates = (list(decision.candidates.all())
                  if selectors.selection_shown_in_full(request.user, procurement) else None)
    return pdf_response(request, "procedures/pdf/reduction.html", {
        # The PDFs' shared letterhead names the authority through ``tender.procurement``.
        "tender": {"procurement": procurement}, "procurement": procurement, "stage": stage,
        "decision": decision, "candidates": candidates, "instructions": instructions.for_decision(decision),
    }, f"vahentamispaatos-{stage.pk}.pdf")


def reduction_pdf(request, pk: int):
    return reduction_document(request, selectors.visible_round(request.user, pk))
