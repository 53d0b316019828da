"""Requests to participate and selection, through the services: sealed until two officials open
them after the deadline, each requirement checked with a reason, a selection decision with reasons
and instructions, and only selected candidates acting in the next stage."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.procedures import services
from coprocure.procedures.models import CandidateSelection, ParticipationRequest, SelectionDecision
from coprocure.tendering import instructions
from coprocure.tendering import services as tendering

from ..tendering.conftest import answers, make_tender, provider, second_official
from .conftest import begin, evidence, light_procurement, pass_deadline, selection_procedure


@pytest.fixture
def world(official):
    procurement = light_procurement(official)
    stages, call = selection_procedure(official, procurement)
    begin(official, stages[0])
    call.refresh_from_db()
    return {"procurement": procurement, "stages": stages, "call": call,
            "bidders": [provider(f"Konsortio {n} Oy") for n in range(3)]}


def opened(official, world):
    procurement, call = world["procurement"], world["call"]
    for bidder in world["bidders"]:
        services.submit_request(bidder, call, {"evidence": evidence(call)})
    pass_deadline(world["stages"][0])
    call.stage.refresh_from_db()
    services.open_requests(official, call)
    services.open_requests(second_official(official, procurement), call)
    call.refresh_from_db()
    return call


def check_all(official, call, unsuitable=()):
    for request in call.requests.all():
        for requirement in call.requirements.all():
            met = request.lead.name not in unsuitable
            services.check_requirement(official, call, request.pk, requirement.number, met,
                                       "Liitteenä referenssit." if met else "Ei näyttöä kokemuksesta.")


def test_a_request_is_stored_sealed_and_its_audit_entry_says_nothing_of_it(official, world):
    call = world["call"]
    request = services.submit_request(world["bidders"][0], call, {"evidence": {"1": "Salainen näyttö 1", "2": "Salainen 2"}})
    stored = ParticipationRequest.objects.get(pk=request.pk)
    assert stored.content is None and b"Salainen" not in bytes(stored.sealed_content)
    entry = AuditEntry.objects.filter(action="procedures.request_submit").get()
    assert "Salainen" not in str(entry.after)


def test_a_request_after_the_deadline_is_refused_and_nothing_is_stored(world):
    pass_deadline(world["stages"][0])
    with pytest.raises(ServiceError) as refused:
        services.submit_request(world["bidders"][0], world["call"], {"evidence": evidence(world["call"])})
    assert refused.value.status == 409 and "stage_deadline_passed" in str(refused.value.errors)
    assert not ParticipationRequest.objects.exists()


def test_every_requirement_needs_its_evidence(world):
    with pytest.raises(ServiceError) as refused:
        services.submit_request(world["bidders"][0], world["call"], {"evidence": {"1": "Kyllä"}})
    assert "evidence_required" in str(refused.value.errors)
    assert not ParticipationRequest.objects.exists()


def test_one_official_cannot_open_the_requests_alone_and_not_before_the_deadline(official, world):
    call = world["call"]
    services.submit_request(world["bidders"][0], call, {"evidence": evidence(call)})
    with pytest.raises(ServiceError) as early:
        services.open_requests(official, call)
    assert "requests_sealed" in str(early.value.errors)
    assert AuditEntry.objects.filter(action="procedures.sealed_access_refused").exists()
    pass_deadline(world["stages"][0])
    call.stage.refresh_from_db()
    services.open_requests(official, call)
    with pytest.raises(ServiceError) as alone:
        services.open_requests(official, call)
    assert "opening_same_official" in str(alone.value.errors)
    call.refresh_from_db()
    assert not call.is_opened and ParticipationRequest.objects.get().content is None


def test_checks_before_the_opening_are_refused_as_sealed(official, world):
    call = world["call"]
    request = services.submit_request(world["bidders"][0], call, {"evidence": evidence(call)})
    with pytest.raises(ServiceError) as refused:
        services.check_requirement(official, call, request.pk, 1, True, "Hyvä.")
    assert "requests_sealed" in str(refused.value.errors)


def test_selection_with_reasons_publishes_instructions_in_finnish_and_swedish(official, world):
    call = opened(official, world)
    check_all(official, call, unsuitable={"Konsortio 2 Oy"})
    requests = {r.lead.name: r for r in call.requests.all()}
    decision = services.decide_selection(official, call, {
        "reasons": "Kaksi soveltuvaa ehdokasta kutsutaan neuvotteluihin.",
        "candidates": {requests["Konsortio 0 Oy"].pk: (True, "Soveltuva."),
                       requests["Konsortio 1 Oy"].pk: (True, "Soveltuva."),
                       requests["Konsortio 2 Oy"].pk: (False, "Ei täytä vaatimusta 1.")}})
    assert decision.published_at is not None
    assert CandidateSelection.objects.filter(decision=decision, selected=True).count() == 2
    versions = instructions.for_decision(decision, "en")
    assert [v["lang"] for v in versions] == ["en", "fi", "sv"]
    finnish = " ".join(versions[1]["rectification"] + versions[1]["appeal"])
    assert "markkinaoikeu" in finnish.lower() and decision.complaints_until.strftime("%-d.%-m.%Y") in finnish
    assert AuditEntry.objects.filter(action="procedures.selection_decide").exists()


def test_an_unsuitable_candidate_cannot_be_selected_and_nothing_is_half_stored(official, world):
    call = opened(official, world)
    check_all(official, call, unsuitable={"Konsortio 2 Oy"})
    with pytest.raises(ServiceError) as refused:
        services.decide_selection(official, call, {
            "reasons": "Kaikki.", "candidates": {r.pk: (True, "Valitaan.") for r in call.requests.all()}})
    assert "unsuitable_selected" in str(refused.value.errors) or "selection_over_max" in str(refused.value.errors)
    assert not SelectionDecision.objects.exists() and not CandidateSelection.objects.exists()


def test_a_candidate_without_a_reason_is_refused(official, world):
    call = opened(official, world)
    check_all(official, call)
    first, second, third = call.requests.all()
    with pytest.raises(ServiceError) as refused:
        services.decide_selection(official, call, {"reasons": "Perustelut.", "candidates": {
            first.pk: (True, "Paras."), second.pk: (True, ""), third.pk: (False, "Heikompi.")}})
    assert "selection_reason_required" in str(refused.value.errors)


def test_staff_cannot_decide_the_selection(official, staff, world):
    call = opened(official, world)
    from coprocure.core import services as core

    core.assign_role(official, world["procurement"], staff, "staff")
    with pytest.raises(PermissionDenied):
        services.decide_selection(staff, call, {"reasons": "x", "candidates": {}})


def test_only_selected_candidates_act_in_the_next_stage(official, world):
    call = opened(official, world)
    check_all(official, call)
    chosen, also, left_out = [r.lead for r in call.requests.order_by("submitted_at")]
    decision_data = {"reasons": "Kaksi parasta valintaperusteen mukaan.", "candidates": {}}
    for request in call.requests.all():
        decision_data["candidates"][request.pk] = (request.lead != left_out, "Valintaperusteen pisteet.")
    services.decide_selection(official, call, decision_data)
    procurement = world["procurement"]
    by_org = {b.organisation: b for b in world["bidders"]}
    assert by_org[chosen].has_perm("procedures.next_stage", procurement)
    assert not by_org[left_out].has_perm("procedures.next_stage", procurement)
    # The final tenders of the procedure (its tender, with the stage's deadline): nobody bids before
    # the invitation, which only candidates still in receive (tests/procedures/test_final_tenders.py).
    tender = make_tender(official, procurement, deadline=world["stages"][2].closes_at)
    for bidder in (by_org[left_out], by_org[chosen]):
        with pytest.raises(ServiceError):
            tendering.submit_bid(bidder, tender, {"price": Decimal("10"), "answers": answers(tender)})
    assert not tender.bids.exists()


def test_a_withdrawn_request_is_not_opened(official, world):
    call = world["call"]
    request = services.submit_request(world["bidders"][0], call, {"evidence": evidence(call)})
    services.withdraw_request(world["bidders"][0], request)
    with pytest.raises(ServiceError):
        services.withdraw_request(world["bidders"][1], request)
    assert AuditEntry.objects.filter(action="procedures.request_withdraw").count() == 1


def test_a_consortium_names_only_members_that_accepted_and_they_stay_sealed(official, world):
    from .. import factories
    from ..tendering.conftest import consent

    call, lead = world["call"], world["bidders"][0]
    stranger = factories.ProviderFactory(name="Kysymätön ry")
    with pytest.raises(ServiceError) as refused:
        services.submit_request(lead, call, {"evidence": evidence(call), "members": [(stranger, "vertaistuki")]})
    assert "request_member_unconfirmed" in str(refused.value.errors)
    assert not ParticipationRequest.objects.exists()
    partner = factories.ProviderFactory(name="Vertaiset ry")
    consent(lead, world["procurement"], [(partner, "vertaistuki")])
    request = services.submit_request(lead, call, {"evidence": evidence(call), "members": [(partner, "vertaistuki")]})
    assert b"Vertaiset" not in bytes(request.sealed_content) and request.content is None
    opened(official, {**world, "bidders": []})
    request.refresh_from_db()
    assert request.content["members"] == [[partner.pk, "Vertaiset ry", "vertaistuki"]]
