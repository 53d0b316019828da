"""Reads for the complaints against the procedure's decisions: the published decision of a
visible stage, a complaint seen by whoever sees its stage (404 alike for missing and not
visible), and the public timeline, which never names who complained."""

from __future__ import annotations

from django.http import Http404

from coprocure.tendering import instructions
from coprocure.tendering import selectors as tendering_selectors

from .models import DecisionComplaint, ReductionDecision, SelectionDecision
from .selectors import visible_stage

DECISIONS = {"selection": (SelectionDecision, "call__stage"), "reduction": (ReductionDecision, "stage")}


def published_decision(user, stage_pk: int, which: str):
    """The stage's selection (``which`` = "selection") or reduction decision, or 404."""
    stage = visible_stage(user, stage_pk)
    model, path = DECISIONS[which]
    decision = model.objects.filter(**{path: stage}).first()
    if decision is None:
        raise Http404
    return decision


def visible_decision_complaint(user, pk: int) -> DecisionComplaint:
    complaint = (DecisionComplaint.objects.select_related("selection__call__stage", "reduction__stage")
                 .filter(pk=pk).first())
    if complaint is None:
        raise Http404
    visible_stage(user, stage_of(complaint).pk)
    return complaint


def stage_of(complaint: DecisionComplaint):
    return complaint.selection.call.stage if complaint.selection_id else complaint.reduction.stage


def timeline(decision) -> dict:
    return {"decided_on": decision.decided_on, "channel": decision.channel, "received_on": decision.received_on,
            "complaints_until": decision.complaints_until,
            "complaints": tendering_selectors.complaints_of(decision),
            "instructions": instructions.for_decision(decision)}
