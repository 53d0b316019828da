"""Complaints against the procedure's decisions: a candidate's request for rectification of a
selection decision or a decision reducing the candidates, the authority's record of an appeal to
the Market Court and of the court's decision. The rules are the award's
(tendering.services.complaints); this module only says how they reach these decisions."""

from __future__ import annotations

from coprocure.core.models import User
from coprocure.tendering.services import complaints as remedies

from ..models import DecisionComplaint, ReductionDecision, SelectionDecision


def _selected_or_not(decision: SelectionDecision) -> set[int]:
    return set(decision.candidates.values_list("request__lead_id", flat=True))


def _kept_or_not(decision: ReductionDecision) -> set[int]:
    return set(decision.candidates.values_list("organisation_id", flat=True))


_COMMON = {"complaints": DecisionComplaint, "complain": "procedures.complain", "decide": "procedures.handle_complaints",
           "audit_app": "procedures", "not_complainant": "complaint_not_candidate",
           "not_appellant": "appellant_not_candidate"}
SELECTION = remedies.Remedies(decisions=SelectionDecision, field="selection", complainants=_selected_or_not, **_COMMON)
REDUCTION = remedies.Remedies(decisions=ReductionDecision, field="reduction", complainants=_kept_or_not, **_COMMON)


def _of_decision(decision) -> remedies.Remedies:
    return SELECTION if isinstance(decision, SelectionDecision) else REDUCTION


def _of_complaint(complaint: DecisionComplaint) -> remedies.Remedies:
    return SELECTION if complaint.selection_id else REDUCTION


def complainants(decision) -> set[int]:
    """The organisations the decision names: who may complain about it and appeal against it."""
    return _of_decision(decision).complainants(decision)


def file_complaint(actor: User, decision, data: dict) -> DecisionComplaint:
    """A candidate the decision names asks for its rectification (within its days from the
    deemed receipt) or tells of its appeal. ``data``: kind, grounds."""
    return remedies.file_complaint(actor, decision, data, _of_decision(decision))


def record_appeal(actor: User, decision, data: dict) -> DecisionComplaint:
    """``data``: appellant, filed_on, grounds, enforcement_banned; a late appeal is recorded, marked."""
    return remedies.record_appeal(actor, decision, data, _of_decision(decision))


def answer_complaint(actor: User, complaint: DecisionComplaint, data: dict) -> DecisionComplaint:
    return remedies.answer_complaint(actor, complaint, data, _of_complaint(complaint))


def record_court_decision(actor: User, complaint: DecisionComplaint, data: dict) -> DecisionComplaint:
    return remedies.record_court_decision(actor, complaint, data, _of_complaint(complaint))

