"""What the procedures' /api/v1 modules share: the object the permission bridge checks, and the
answer about a sealed submission and about a published decision."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from coprocure.tendering import instructions


def procurement_of(obj):
    return obj.procurement


class SealedSubmissionOut(Schema):
    id: int
    lead: str
    submitted_at: datetime


def submission_out(item) -> dict:
    """A sealed request or initial bid as its sender sees it: whose it is and when it came."""
    return {"id": item.pk, "lead": item.lead.name, "submitted_at": item.submitted_at}


def decision_out(decision, candidates: list[dict] | None) -> dict:
    """A published selection or reduction decision with its instructions; ``candidates`` is None
    for a reader who does not see each candidate's name and reason."""
    return {"decided_on": decision.decided_on, "received_on": decision.received_on,
            "complaints_until": decision.complaints_until, "reasons": decision.reasons, "candidates": candidates,
            "instructions": instructions.for_decision(decision)}
