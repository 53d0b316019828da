"""The award page (the officials' workspace before publication, public after it) and the
award decision as a PDF."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core import visibility
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.web.forms import posted, save_form
from coprocure.web.pdf import pdf_response

from .. import instructions, selectors, services
from ..forms import AwardForm
from ..models import Tender


@require_http_methods(["GET", "POST"])
def award(request, pk: int):
    """The comparison and the decision: public once published, the officials' workspace before."""
    tender = selectors.visible_tender(request.user, pk)
    decision = selectors.award_of(tender)
    can_decide = request.user.has_perm("tendering.decide", tender.procurement)
    if not can_decide and (decision is None or not visibility.public(decision, "winner")):
        raise Http404
    form = None
    status = 200
    comparison = None
    problem = None
    if decision is None:
        form = AwardForm(posted(request), authority=tender.procurement.authority,
                         initial={"accountable_official": tender.procurement.accountable_official_id})
        if request.method == "POST":
            if save_form(form, lambda data: services.decide_award(request.user, tender, data)):
                messages.success(request, _("The award decision was recorded. Publish it when it is final."))
                return redirect("award", pk=tender.pk)
            status = 422
        try:
            comparison = services.compare(tender) if tender.is_opened else None
        except DomainError as error:
            # What is still missing before a decision can be made (a final score, any bid).
            problem = ServiceError.from_domain(error, status=409)
    elif request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        try:
            services.publish_award(request.user, decision)
        except ServiceError as error:
            problem, status = error, error.status
        else:
            messages.success(request, _("The award was published with its whole comparison."))
            return redirect("award", pk=tender.pk)
    document = selectors.published_comparison(decision) if decision else None
    names = _bid_names(tender)
    criteria = {criterion.key: criterion for criterion in tender.criteria.all()}
    if document:
        rankings = _rankings(tender, document["comparison"], names)
        draw = _draw(document["comparison"], names)
    else:
        rankings = _rankings(tender, None, names, comparison or ())
        draw = _fresh_draw(tender, comparison or (), names)
    return render(request, "tendering/award.html", {
        "tender": tender, "decision": decision, "form": form, "can_decide": can_decide, "problem": problem,
        "timeline": selectors.timeline(decision) if decision else None,
        "can_complain": request.user.has_perm("tendering.complain", tender.procurement),
        "rankings": rankings, "draw": draw,
        "instructions": instructions.for_decision(decision) if decision else [],
        "winners": services.lot_winners(decision) if decision else [],
        # The published record's "evaluations": each bid's scores on each criterion.
        "scoring": [{**item, "bid_name": names[item["bid"]], "criterion": criteria[item["criterion"]]}
                    for item in (document["evaluations"] if document else [])],
    }, status=status)


def award_pdf(request, pk: int):
    """The award decision document: public once published, for the deciding officials before."""
    tender = selectors.visible_tender(request.user, pk)
    decision = selectors.award_of(tender)
    if decision is None or (not visibility.public(decision, "winner")
                            and not request.user.has_perm("tendering.decide", tender.procurement)):
        raise Http404
    return pdf_response(request, "tendering/pdf/award.html", {
        "tender": tender, "decision": decision, "criteria": list(tender.criteria.all()),
        "timeline": selectors.timeline(decision),
        "rankings": _rankings(tender, decision.comparison, _bid_names(tender)),
        "draw": _draw(decision.comparison, _bid_names(tender)),
        "instructions": instructions.for_decision(decision),
        "winners": services.lot_winners(decision),
    }, f"hankintapaatos-{tender.procurement_id}.pdf")


def _bid_names(tender: Tender) -> dict[str, str]:
    return {f"b{bid.pk}": bid.lead.name for bid in selectors.bids_of(tender)}


def _draw(published: dict, names: dict) -> dict:
    """The true ties of the frozen comparison and the draw that ordered them, with its seed."""
    outcomes = published.get("lots") or [published]
    ties = [{"lot": entry.get("lot"), "bids": [names.get(bid, bid) for bid in group]}
            for entry in outcomes for group in entry.get("ties", [])]
    draw = published.get("draw") or {}
    return {"ties": ties, "commitment": draw.get("commitment"), "seed": draw.get("seed")}


def _fresh_draw(tender: Tender, results, names: dict) -> dict:
    """Before the decision: the ties of a fresh comparison and only the draw's commitment."""
    ties = [{"lot": lot, "bids": [names.get(bid, bid) for bid in group]}
            for lot, result in results for group in result.ties]
    return {"ties": ties, "commitment": tender.draw_commitment, "seed": None}


def _rankings(tender: Tender, published: dict | None, names: dict, results=()) -> list[dict]:
    """Each lot's ranking rows, from the published comparison or a fresh one; a tender without
    lots has one ranking with no lot."""
    lots = {lot.key: lot for lot in tender.lots.all()}
    if published is None:
        pairs = [(lot, result.ranking) for lot, result in results]
    elif "lots" in published:
        pairs = [(entry["lot"], entry["ranking"]) for entry in published["lots"]]
    else:
        pairs = [(None, published["ranking"])]
    return [{"lot": lots.get(lot) if lot else None, "rows": [_ranked(row, names) for row in rows]}
            for lot, rows in pairs]


def _ranked(row, names: dict) -> dict:
    """A ranking row from the published document (strings) or a fresh comparison (decimals)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return {"rank": get("rank"), "bid": names.get(get("bid_id"), get("bid_id")),
            "price_points": Decimal(get("price_points")), "quality_total": Decimal(get("quality_total")),
            "total": Decimal(get("total"))}
