"""Complaints against the award and the standstill guard on contract signing, through the
services, the pages and the API."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services as contracts
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.tendering import services
from coprocure.tendering.models import AwardDecision, Complaint

from .. import factories
from ..contracts.conftest import to_contract_phase
from ..factories import text
from .conftest import provider, published_award

CONTRACT = {"kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Kumppanuus."),
            "starts_on": date(2027, 1, 1), "ends_on": date(2029, 12, 31), "options": text("")}


def bidder(tender):
    """A representative of the organisation whose bid lost."""
    decision = tender.award
    losing = tender.bids.exclude(pk=decision.winner_id).first()
    return factories.UserFactory(organisation=losing.lead, position="representative")


def move_decision(tender, days_ago: int, standstill_days: int = 14):
    decided = timezone.localdate() - timedelta(days=days_ago)
    AwardDecision.objects.filter(tender=tender).update(
        decided_on=decided, sent_on=decided, standstill_ends_on=decided + timedelta(days=standstill_days))
    tender.award.refresh_from_db()


def call(client, method, url, payload=None):
    response = getattr(client, method)(f"/api/v1{url}", json.dumps(payload or {}), content_type="application/json")
    return response.status_code, response.json()


@pytest.fixture
def awarded(official, procurement):
    return published_award(official, procurement)


def test_a_bidder_files_a_request_for_rectification_and_the_official_answers_it(official, awarded, client):
    person = bidder(awarded)
    complaint = services.file_complaint(person, awarded.award, {"kind": "rectification_request",
                                                                "grounds": "Hintapisteet on laskettu väärin."})
    assert complaint.is_pending and complaint.organisation_id == person.organisation_id
    services.answer_complaint(official, complaint, {"outcome": "rejected", "answer": "Pisteet tarkistettiin: ne ovat oikein."})
    complaint.refresh_from_db()
    assert complaint.outcome == "rejected" and complaint.answered_by == official
    assert AuditEntry.objects.filter(action__in=["tendering.complaint_file", "tendering.complaint_answer"]).count() == 2
    with pytest.raises(ServiceError) as second:
        services.answer_complaint(official, complaint, {"outcome": "upheld", "answer": "Toisin."})
    assert second.value.status == 409

    page = client.get(f"/tenders/{awarded.pk}/award/")
    content = page.content.decode()
    assert "Pisteet tarkistettiin: ne ovat oikein." in content
    assert person.organisation.name not in content.split("timeline-heading")[1]
    assert "Hintapisteet on laskettu väärin." not in content


def test_a_request_for_rectification_after_the_deadline_is_refused_in_the_readers_language(awarded, client):
    person = bidder(awarded)
    move_decision(awarded, days_ago=25)
    with pytest.raises(ServiceError) as refused:
        services.file_complaint(person, awarded.award, {"kind": "rectification_request", "grounds": "Myöhässä."})
    assert refused.value.status == 409 and "complaint_deadline_passed" in str(refused.value.errors)
    client.force_login(person)
    status, body = call(client, "post", f"/tenders/{awarded.pk}/complaints",
                        {"kind": "rectification_request", "grounds": "Myöhässä."})
    assert status == 409 and body["errors"][0]["code"] == "complaint_deadline_passed"
    assert "Valitusaika" in body["errors"][0]["message"]
    assert not Complaint.objects.exists()


def test_a_late_appeal_is_recorded_and_the_court_decides_on_its_timeliness(official, awarded, client):
    """The authority cannot refuse an appeal as late: it is recorded, marked, and shown as such."""
    person = bidder(awarded)
    move_decision(awarded, days_ago=25)
    appeal = services.file_complaint(person, awarded.award, {"kind": "market_court_appeal", "grounds": "Myöhässä."})
    assert appeal.late and appeal.is_pending
    client.force_login(official)
    status, recorded = call(client, "post", f"/tenders/{awarded.pk}/appeals", {
        "appellant": person.organisation_id, "filed_on": timezone.localdate().isoformat()})
    assert status == 201 and recorded["late"] is True and recorded["kind"] == "market_court_appeal"
    page = client.get(f"/tenders/{awarded.pk}/award/").content.decode()
    assert "Market Court decides whether it was in time" in page or "markkinaoikeus ratkaisee" in page.lower()


def test_the_deadline_follows_the_procedures_days(awarded):
    person = bidder(awarded)
    type(awarded).objects.filter(pk=awarded.pk).update(complaint_days=30)
    move_decision(awarded, days_ago=20)
    awarded.refresh_from_db()
    complaint = services.file_complaint(person, awarded.award, {"kind": "market_court_appeal", "grounds": "Valitus."})
    assert complaint.kind == "market_court_appeal"


def test_only_bidders_complain_and_only_the_accountable_official_answers(official, procurement, awarded):
    outsider = provider("Ulkopuolinen Oy")
    with pytest.raises(ServiceError) as refused:
        services.file_complaint(outsider, awarded.award, {"kind": "rectification_request", "grounds": "Ei tarjonnut."})
    assert refused.value.status == 403
    complaint = services.file_complaint(bidder(awarded), awarded.award, {"kind": "rectification_request", "grounds": "X"})
    other = factories.UserFactory(organisation=procurement.authority, position="official")
    core.assign_role(official, procurement, other, "official")
    with pytest.raises(ServiceError) as not_accountable:
        services.answer_complaint(other, complaint, {"outcome": "upheld", "answer": "Kyllä."})
    assert not_accountable.value.status == 403


def test_complaints_and_answers_through_the_api_and_the_public_timeline(official, awarded, client):
    person = bidder(awarded)
    client.force_login(person)
    status, filed = call(client, "post", f"/tenders/{awarded.pk}/complaints",
                         {"kind": "rectification_request", "grounds": "Laatupisteet ovat väärin."})
    assert status == 201 and filed["outcome"] == "pending"
    status, body = call(client, "post", f"/tenders/{awarded.pk}/complaints", {"kind": "wrong", "grounds": ""})
    assert status == 422 and {e["field"] for e in body["errors"]} == {"kind", "grounds"}
    client.force_login(official)
    status, answered = call(client, "post", f"/complaints/{filed['id']}/answer", {"outcome": "upheld", "answer": "Korjataan."})
    assert status == 200 and answered["outcome"] == "upheld"
    client.logout()
    response = client.get(f"/api/v1/tenders/{awarded.pk}/complaints")
    status, timeline = response.status_code, response.json()
    assert status == 200 and timeline["complaints"][0]["answer"] == "Korjataan."
    assert "organisation" not in timeline["complaints"][0] and "grounds" not in timeline["complaints"][0]


def test_a_complaint_through_the_page(awarded, client):
    person = bidder(awarded)
    client.force_login(person)
    assert client.get(f"/tenders/{awarded.pk}/complaints/new/").status_code == 200
    empty = client.post(f"/tenders/{awarded.pk}/complaints/new/", {})
    assert empty.status_code == 422
    sent = client.post(f"/tenders/{awarded.pk}/complaints/new/", {"kind": "market_court_appeal", "grounds": "Valitus."})
    assert sent.status_code == 302 and Complaint.objects.get().kind == "market_court_appeal"


# Contract signing guard ------------------------------------------------------------------------

def test_no_contract_during_the_standstill(official, procurement, awarded, client):
    to_contract_phase(official, procurement)
    with pytest.raises(ServiceError) as refused:
        contracts.create_contract(official, procurement, CONTRACT)
    assert refused.value.status == 409 and "standstill_not_ended" in str(refused.value.errors)
    client.force_login(official)
    status, body = call(client, "post", f"/procurements/{procurement.pk}/contracts", {
        "kind": "partnership", "title": {"fi": "Sopimus"}, "description": {"fi": "Kuvaus"},
        "starts_on": "2027-01-01", "ends_on": "2029-12-31"})
    assert status == 409 and body["errors"][0]["code"] == "standstill_not_ended"
    assert "odotusaika" in body["errors"][0]["message"]


def test_no_contract_while_a_complaint_waits_and_a_contract_once_all_are_answered(official, procurement, awarded):
    complaint = services.file_complaint(bidder(awarded), awarded.award, {"kind": "rectification_request", "grounds": "X"})
    move_decision(awarded, days_ago=20)
    to_contract_phase(official, procurement)
    with pytest.raises(ServiceError) as refused:
        contracts.create_contract(official, procurement, CONTRACT)
    assert refused.value.status == 409 and "complaint_pending" in str(refused.value.errors)
    services.answer_complaint(official, complaint, {"outcome": "rejected", "answer": "Päätös on oikea."})
    contract = contracts.create_contract(official, procurement, CONTRACT)
    assert contract.procurement_id == procurement.pk
