"""Publishing the award leads, after the standstill, to the contract phase and a contract whose
parties are the winning bid's organisations, in one audited step."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.contracts.models import Contract
from coprocure.core.models import Procurement
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.contracts.award import conclude_award
from coprocure.tendering import services
from coprocure.tendering.models import AwardDecision, Complaint

from ..factories import ProviderFactory, text
from .conftest import answers, consent, evaluator, make_tender, open_bids, pass_deadline, provider

CONTRACT = {"kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Pitkä kumppanuus."),
            "options": {}}


def awarded(official, procurement, *, standstill_over=True):
    """A consortium wins; the award is published (and its standstill over, unless told otherwise)."""
    core.change_phase(official, procurement, "tendering")
    tender = make_tender(official, procurement)
    member = ProviderFactory(name="Vertaisvoima ry")
    lead = provider("Kulma Oy")
    consent(lead, procurement, [(member, "vertaistuki")])
    winner = services.submit_bid(lead, tender, {
        "price": Decimal("900000"), "answers": answers(tender, "Lupaus"), "members": [(member, "vertaistuki")]})
    services.submit_bid(provider("Toipumo sr"), tender, {"price": Decimal("990000"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    for bid in tender.bids.all():
        for criterion in tender.criteria.all():
            services.record_score(person, bid, criterion, Decimal(5 if bid.pk == winner.pk else 3), "Perustelu")
            services.settle_score(official, bid, criterion)
    decided = timezone.localdate() - timedelta(days=20 if standstill_over else 1)
    decision = services.decide_award(official, tender, {
        "accountable_official": official, "reasons": text("Paras."), "decided_on": decided})
    return services.publish_award(official, decision), member


def dates():
    today = timezone.localdate()
    return {"starts_on": today + timedelta(days=30), "ends_on": today + timedelta(days=30 + 4 * 365)}


def test_the_award_becomes_a_contract_with_the_consortium_as_parties(official, procurement):
    decision, member = awarded(official, procurement)
    contract = conclude_award(official, decision, {**CONTRACT, **dates()})

    assert Procurement.objects.get(pk=procurement.pk).phase == "contract"
    parties = {(p.name, p.role) for p in contract.parties.all()}
    assert parties == {(procurement.authority.name, "authority"), ("Kulma Oy", "consortium_lead"),
                       ("Vertaisvoima ry", "consortium_member")}
    description = contract.description["fi"]["text"]
    assert description.startswith("Pitkä kumppanuus.")
    assert "Asiakkaat saavat vertaistukea." in description  # the objective
    assert "Vertaistuki: Lupaus" in description  # the criterion and the winner's commitment
    assert "vertaistuki" not in description  # the member's role is on its party, not in the text
    assert contract.parties.get(name="Vertaisvoima ry").consortium_role == "vertaistuki"
    assert AuditEntry.objects.filter(action="tendering.award_conclude").exists()
    assert AuditEntry.objects.filter(action="procurement.phase_change", after__phase="contract").exists()
    with pytest.raises(ServiceError) as again:
        conclude_award(official, decision, {**CONTRACT, **dates()})
    assert again.value.status == 409


def test_a_consortium_members_own_role_is_on_the_contract_page_and_in_the_api(client, official, procurement):
    decision, _member = awarded(official, procurement)
    contract = conclude_award(official, decision, {**CONTRACT, **dates()})
    page = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "Vertaisvoima ry" in page and "vertaistuki" in page
    parties = {party["name"]: party for party in client.get(f"/api/v1/contracts/{contract.pk}").json()["parties"]}
    assert parties["Vertaisvoima ry"]["consortium_role"] == "vertaistuki"
    assert parties["Kulma Oy"]["consortium_role"] == ""


def test_nothing_changes_during_the_standstill_or_with_a_complaint_waiting(official, procurement):
    decision, _member = awarded(official, procurement, standstill_over=False)
    with pytest.raises(ServiceError) as refused:
        conclude_award(official, decision, {**CONTRACT, **dates()})
    assert refused.value.status == 409 and "standstill_not_ended" in str(refused.value.errors)
    assert Procurement.objects.get(pk=procurement.pk).phase == "tendering" and not Contract.objects.exists()

    AwardDecision.objects.filter(pk=decision.pk).update(standstill_ends_on=timezone.localdate() - timedelta(days=1))
    Complaint.objects.create(decision=decision, kind="rectification_request", organisation=decision.winner.lead,
                             filed_by=decision.winner.submitted_by, filed_on=timezone.localdate(), grounds="Väärin.")
    with pytest.raises(ServiceError) as refused:
        conclude_award(official, decision, {**CONTRACT, **dates()})
    assert "complaint_pending" in str(refused.value.errors)
    assert Procurement.objects.get(pk=procurement.pk).phase == "tendering" and not Contract.objects.exists()


def test_an_unpublished_award_is_not_concluded(official, procurement):
    decision, _member = awarded(official, procurement)
    AwardDecision.objects.filter(pk=decision.pk).update(published_at=None)
    with pytest.raises(ServiceError) as refused:
        conclude_award(official, decision, {**CONTRACT, **dates()})
    assert refused.value.status == 409


def test_the_page_and_the_api(client, official, procurement):
    decision, _member = awarded(official, procurement)
    tender = decision.tender
    client.force_login(official)
    assert client.get(f"/tenders/{tender.pk}/contract/").status_code == 200
    bad = client.post(f"/api/v1/tenders/{tender.pk}/contract", json.dumps({"kind": "partnership", "title": {"fi": "X"},
                      "starts_on": "2027-01-01", "ends_on": "2026-01-01"}), content_type="application/json")
    assert bad.status_code == 422 and Procurement.objects.get(pk=procurement.pk).phase == "tendering"
    day = dates()
    created = client.post(f"/api/v1/tenders/{tender.pk}/contract", json.dumps({
        "kind": "partnership", "title": {"fi": "Sopimus"}, "starts_on": day["starts_on"].isoformat(),
        "ends_on": day["ends_on"].isoformat()}), content_type="application/json")
    assert created.status_code == 201
    contract = Contract.objects.get(pk=created.json()["id"])
    assert contract.parties.count() == 3 and Procurement.objects.get(pk=procurement.pk).phase == "contract"
