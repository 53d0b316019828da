"""The panel's scoring: an evaluator's declaration and own blind scores, and the official's
settlement of the final scores once the whole panel has scored."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.services import require
from coprocure.web.forms import form_page, posted, save_form

from .. import selectors, services
from ..forms import ConflictForm, ExcludeForm, ScoreForm, SettleForm
from .tender import tender_page


def _posted(request, name: str, find):
    """The object a button's hidden field names, found by ``find(pk)``; 404 for anything missing or malformed."""
    value = request.POST.get(name, "")
    found = find(int(value)) if value.isdigit() else None
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def scoring(request, pk: int):
    """An evaluator's own page: first the declaration, then their own scores, blind to others'."""
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.evaluate", tender.procurement)
    declaration = selectors.declaration_of(tender, request.user)
    if declaration is None:
        return form_page(
            request, ConflictForm(posted(request)), template="tendering/declaration.html", context={"tender": tender},
            save=lambda data: services.declare_conflict(request.user, tender, data["has_conflict"]),
            success=_("Your declaration was recorded."), next_url=lambda _declared: reverse("scoring", args=[tender.pk]),
        )
    if declaration.has_conflict or not tender.is_opened:
        return render(request, "tendering/scoring.html", {"tender": tender, "declaration": declaration})
    bids = [b for b in selectors.bids_of(tender) if not b.is_withdrawn and not b.exclusion_reason]
    criteria = list(tender.criteria.all())
    status, posted_key, failed = 200, None, None
    if request.method == "POST":
        bid = _posted(request, "bid", lambda pk: selectors.bid_in(tender, pk))
        criterion = _posted(request, "criterion", lambda pk: selectors.criterion_in(tender, pk))
        posted_key = (bid.pk, criterion.pk)
        failed = ScoreForm(request.POST, prefix=f"s{bid.pk}-{criterion.pk}")
        if save_form(failed, lambda data: services.record_score(
                request.user, bid, criterion, data["score"], data["justification"])):
            messages.success(request, _("Your score was saved."))
            return redirect("scoring", pk=tender.pk)
        status = 422
    own = selectors.own_scores(tender, request.user)
    finals = selectors.final_scores(tender)
    rows = []
    for bid in bids:
        cells = []
        for criterion in criteria:
            key = (bid.pk, criterion.pk)
            mine = own.get(key)
            form = failed if key == posted_key else ScoreForm(
                prefix=f"s{bid.pk}-{criterion.pk}",
                initial={"score": mine.score, "justification": mine.justification} if mine else None,
            )
            cells.append({"criterion": criterion, "form": form, "mine": mine, "final": finals.get(key),
                          "answer": (bid.answers or {}).get(criterion.key, "")})
        rows.append({"bid": bid, "cells": cells})
    return render(request, "tendering/scoring.html",
                  {"tender": tender, "declaration": declaration, "rows": rows}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settlement(request, pk: int):
    """The official's view of every score, shown only once the whole panel has scored."""
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.settle", tender.procurement)
    if not tender.is_opened:
        error = services.refuse_sealed(request.user, tender, "settlement_page")
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    status, posted_key, failed = 200, None, None
    requirements = selectors.requirement_choices(tender)
    if request.method == "POST":
        bid = _posted(request, "bid", lambda pk: selectors.bid_in(tender, pk))
        if request.POST.get("action") == "exclude":
            failed = ExcludeForm(request.POST, prefix=f"x{bid.pk}", requirements=requirements)
            posted_key = (bid.pk, None)
            saved = save_form(failed, lambda data: services.exclude_bid(
                request.user, bid, data["reason"], data.get("requirement")))
        else:
            criterion = _posted(request, "criterion", lambda pk: selectors.criterion_in(tender, pk))
            posted_key = (bid.pk, criterion.pk)
            failed = SettleForm(request.POST, prefix=f"f{bid.pk}-{criterion.pk}")
            saved = save_form(failed, lambda data: services.settle_score(
                request.user, bid, criterion, data["consensus"], data["reason"] or ""))
        if saved:
            messages.success(request, _("Saved."))
            return redirect("settlement", pk=tender.pk)
        status = 422
    bids = [b for b in selectors.bids_of(tender) if not b.is_withdrawn]
    criteria = list(tender.criteria.all())
    scores, finals = selectors.all_scores(tender), selectors.final_scores(tender)
    panel = services.panel(tender)
    number = {user.pk: index for index, user in enumerate(panel, start=1)}
    rows = []
    for bid in bids:
        cells = []
        for criterion in criteria:
            key = (bid.pk, criterion.pk)
            complete = services.scoring_complete(tender, bid, criterion)
            cells.append({
                "criterion": criterion, "final": finals.get(key), "complete": complete,
                "scores": [(number.get(s.evaluator_id), s) for s in scores.get(key, [])] if complete else [],
                "form": failed if posted_key == key else SettleForm(prefix=f"f{bid.pk}-{criterion.pk}"),
            })
        exclude = failed if posted_key == (bid.pk, None) else ExcludeForm(prefix=f"x{bid.pk}", requirements=requirements)
        rows.append({"bid": bid, "cells": cells, "exclude_form": exclude})
    return render(request, "tendering/settlement.html",
                  {"tender": tender, "rows": rows, "panel_size": len(panel)}, status=status)
