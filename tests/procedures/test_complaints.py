"""Complaints against a selection decision and a decision reducing the candidates, through the
services: the award's rules (tendering.services.complaints) reaching the procedure's decisions,
and what a pending request or a banned appeal holds back (the next stage, the award, the contract)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.procedures import services
from coprocure.procedures.models import DecisionComplaint, ReductionDecision, SelectionDecision
from coprocure.procedures.services import complaints
from coprocure.tendering.services import complaints as remedies

from coprocure.contracts import services as contracts

from ..contracts.conftest import to_contract_phase
from ..tendering.conftest import provider
from ..tendering.test_complaints import CONTRACT
from .conftest import begin
from .rounds import opened_round, round_world

GROUNDS = {"kind": "rectification_request", "grounds": "Soveltuvuus arvioitiin väärin."}


@pytest.fixture
def world(official):
    world = round_world(official)
    world["selection"] = SelectionDecision.objects.get(call__stage=world["stages"][0])
    return world


def reduced(official, world):
    """The first round is opened and reduced: the third consortium does not go on."""
    box = opened_round(official, world)
    services.decide_reduction(official, box, {
        "reasons": "Kaksi edullisinta jatkavat.",
        "candidates": {b.organisation_id: (n < 2, "Hinta-laatusuhde.") for n, b in enumerate(world["bidders"])}})
    services.close_stage(official, world["stages"][1])
    return ReductionDecision.objects.get(stage=world["stages"][1])


def errors(refusal) -> str:
    return str(refusal.value.errors)


def test_a_candidate_asks_for_rectification_of_the_selection_and_the_official_answers(official, world):
    complaint = complaints.file_complaint(world["bidders"][0], world["selection"], GROUNDS)
    assert complaint.selection_id == world["selection"].pk and complaint.is_pending and not complaint.late
    assert complaint.organisation_id == world["bidders"][0].organisation_id
    complaints.answer_complaint(official, complaint, {"outcome": "rejected", "answer": "Arvio tarkistettiin."})
    complaint.refresh_from_db()
    assert complaint.outcome == "rejected" and complaint.answered_by == official
    assert AuditEntry.objects.filter(action__in=["procedures.complaint_file", "procedures.complaint_answer"]).count() == 2
    with pytest.raises(ServiceError) as again:
        complaints.answer_complaint(official, complaint, {"outcome": "upheld", "answer": "Toisin."})
    assert again.value.status == 409 and "complaint_answered" in errors(again)


def test_only_a_candidate_the_decision_names_complains(official, world):
    outsider = world["outsider"]
    with pytest.raises(ServiceError) as refused:
        complaints.file_complaint(outsider, world["selection"], GROUNDS)
    assert refused.value.status == 403 and "complaint_not_candidate" in errors(refused)
    # A candidate of another procurement is an outsider here too.
    other = round_world(official, bidders=[provider("Toinen Oy")])
    with pytest.raises(ServiceError):
        complaints.file_complaint(other["bidders"][0], world["selection"], GROUNDS)
    # The authority's own people do not complain (no provider role).
    with pytest.raises(PermissionDenied):
        complaints.file_complaint(official, world["selection"], GROUNDS)
    assert not DecisionComplaint.objects.exists()


def test_a_late_request_is_refused_but_a_late_appeal_is_recorded_and_marked(official, world):
    decided = timezone.localdate() - timedelta(days=40)
    SelectionDecision.objects.filter(pk=world["selection"].pk).update(decided_on=decided)
    world["selection"].refresh_from_db()
    with pytest.raises(ServiceError) as late:
        complaints.file_complaint(world["bidders"][1], world["selection"], GROUNDS)
    assert late.value.status == 409 and "complaint_deadline_passed" in errors(late)
    assert not DecisionComplaint.objects.exists()
    appellant = world["bidders"][1].organisation
    appeal = complaints.record_appeal(official, world["selection"], {
        "appellant": appellant, "filed_on": timezone.localdate(), "grounds": "", "enforcement_banned": True})
    assert appeal.is_appeal and appeal.late and appeal.enforcement_banned


def test_the_authority_never_answers_an_appeal_it_records_the_courts_decision(official, world):
    appeal = complaints.record_appeal(official, world["selection"], {
        "appellant": world["bidders"][0].organisation, "filed_on": timezone.localdate(), "enforcement_banned": False})
    with pytest.raises(ServiceError) as answered:
        complaints.answer_complaint(official, appeal, {"outcome": "rejected", "answer": "Ei aihetta."})
    assert answered.value.status == 409 and "appeal_not_answered" in errors(answered)
    with pytest.raises(ServiceError) as undated:
        complaints.record_court_decision(official, appeal, {"outcome": "rejected"})
    assert "court_date_required" in errors(undated)
    complaints.record_court_decision(official, appeal, {"outcome": "rejected", "court_decided_on": date(2027, 2, 1),
                                                        "answer": "Valitus hylättiin."})
    appeal.refresh_from_db()
    assert appeal.outcome == "rejected" and appeal.court_decided_on == date(2027, 2, 1)
    assert AuditEntry.objects.filter(action="procedures.court_decision_record").exists()


def test_an_appellant_must_be_a_candidate_the_decision_names(official, world):
    with pytest.raises(ServiceError) as refused:
        complaints.record_appeal(official, world["selection"], {
            "appellant": world["outsider"].organisation, "filed_on": timezone.localdate()})
    assert "appellant_not_candidate" in errors(refused)
    assert not DecisionComplaint.objects.exists()


def test_only_the_accountable_official_answers_and_providers_record_nothing(official, world):
    complaint = complaints.file_complaint(world["bidders"][0], world["selection"], GROUNDS)
    with pytest.raises(ServiceError) as other:
        complaints.answer_complaint(world["other_official"], complaint, {"outcome": "upheld", "answer": "Korjataan."})
    assert other.value.status == 403 and "complaint_not_accountable" in errors(other)
    with pytest.raises(PermissionDenied):
        complaints.record_appeal(world["bidders"][0], world["selection"], {
            "appellant": world["bidders"][0].organisation, "filed_on": timezone.localdate()})
    assert DecisionComplaint.objects.count() == 1


def test_a_pending_request_against_the_reduction_holds_the_next_stage_until_answered(official, world):
    decision = reduced(official, world)
    dropped = world["bidders"][2]
    complaint = complaints.file_complaint(dropped, decision, GROUNDS)
    assert complaint.reduction_id == decision.pk
    with pytest.raises(ServiceError) as held:
        begin(official, world["stages"][2])
    assert held.value.status == 409 and "decision_complaint_pending" in errors(held)
    complaints.answer_complaint(official, complaint, {"outcome": "rejected", "answer": "Karsinta perusteiden mukaan."})
    assert begin(official, world["stages"][2]).state == "open"


def test_a_banned_appeal_holds_the_next_stage_and_the_award_until_the_court_lifts_the_ban(official, world):
    decision = reduced(official, world)
    appeal = complaints.record_appeal(official, decision, {
        "appellant": world["bidders"][2].organisation, "filed_on": timezone.localdate(), "enforcement_banned": True})
    with pytest.raises(ServiceError) as held:
        begin(official, world["stages"][2])
    assert "decision_enforcement_banned" in errors(held)
    with pytest.raises(ServiceError) as award:
        remedies.check_procedure_not_held(world["procurement"])
    assert award.value.status == 409
    complaints.record_court_decision(official, appeal, {"outcome": "pending", "enforcement_banned": False})
    assert begin(official, world["stages"][2]).state == "open"


def test_an_appeal_without_a_ban_does_not_hold_the_procedure(official, world):
    complaints.record_appeal(official, world["selection"], {
        "appellant": world["bidders"][0].organisation, "filed_on": timezone.localdate(), "enforcement_banned": False})
    remedies.check_procedure_not_held(world["procurement"])


def test_a_complaint_about_one_procurements_decision_is_not_anothers(official, world):
    """The holds are per procurement: another procurement's pending request holds nothing here."""
    other = round_world(official)
    other_selection = SelectionDecision.objects.get(call__stage=other["stages"][0])
    complaints.file_complaint(other["bidders"][0], other_selection, GROUNDS)
    remedies.check_procedure_not_held(world["procurement"])
    with pytest.raises(ServiceError):
        remedies.check_procedure_not_held(other["procurement"])


def test_a_candidate_dropped_in_the_reduction_may_complain_about_it_but_an_unselected_one_not(official, world):
    decision = reduced(official, world)
    assert complaints.complainants(decision) == {b.organisation_id for b in world["bidders"]}
    with pytest.raises(ServiceError):
        complaints.file_complaint(world["outsider"], decision, GROUNDS)


def test_no_contract_while_a_request_against_the_selection_waits(official, world):
    complaint = complaints.file_complaint(world["bidders"][0], world["selection"], GROUNDS)
    procurement = to_contract_phase(official, world["procurement"])
    with pytest.raises(ServiceError) as held:
        contracts.create_contract(official, procurement, CONTRACT)
    assert held.value.status == 409 and "decision_complaint_pending" in errors(held)
    assert not procurement.contracts.exists()
    complaints.answer_complaint(official, complaint, {"outcome": "upheld", "answer": "Valinta korjataan."})
    assert contracts.create_contract(official, procurement, CONTRACT).pk
