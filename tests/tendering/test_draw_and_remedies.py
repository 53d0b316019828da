"""Issue 18 items 1, 5 and 6 in the app: a true tie decided by the draw committed at the
opening, the time limits from the deemed receipt with the decision's instructions for
rectification and appeal, and appeals that the Market Court decides."""

import json
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.contracts import award as contract_award
from coprocure.domain import deadlines, scoring
from coprocure.errors import ServiceError
from coprocure.interop.ocds import validation
from coprocure.tendering import selectors, services
from coprocure.tendering.models import AwardDecision, Complaint

from ..factories import text
from .conftest import answers, evaluator, make_tender, open_bids, pass_deadline, provider, published_award


CONTRACT = {"kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Kumppanuus."),
            "options": {}, "starts_on": date(2027, 1, 1), "ends_on": date(2029, 12, 31)}


def tied_tender(official, procurement):
    """Two bids equal on price and on every score, under a rule that leaves a true tie to the lots."""
    tender = make_tender(official, procurement, tie_rule="quality_then_lots")
    for name in ("Kulma Oy", "Toipumo sr"):
        services.submit_bid(provider(name), tender, {"price": Decimal("900000"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    tender.refresh_from_db()
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    for bid in tender.bids.all():
        for criterion in tender.criteria.all():
            services.record_score(person, bid, criterion, Decimal(4), "Perustelu")
            services.settle_score(official, bid, criterion)
    return tender


def decide(official, tender, **extra):
    return services.decide_award(official, tender, {
        "accountable_official": official, "reasons": text("Arvonta ratkaisi tasatilanteen."),
        "decided_on": timezone.localdate(), **extra})


def test_a_true_tie_at_first_place_is_decided_by_the_committed_draw(client, official, procurement, tmp_path):
    tender = tied_tender(official, procurement)
    commitment = tender.draw_commitment
    assert len(commitment) == 64
    opening = AuditEntry.objects.get(action="tendering.bids_open")
    assert opening.after["draw_commitment"] == commitment

    # Before the decision the commitment is shown and the seed is nowhere: not on the tender
    # page, the API, the officials' award workspace or any audit entry.
    seed = services.committed_draw(tender, reveal=True).seed
    assert scoring.commitment(seed) == commitment
    client.force_login(official)
    before = [client.get(f"/procurements/{procurement.pk}/tender/").content.decode(),
              client.get(f"/tenders/{tender.pk}/award/").content.decode(),
              json.dumps(client.get(f"/api/v1/tenders/{tender.pk}").json())]
    assert all(commitment in page for page in before)
    assert not any(seed in page for page in before)
    assert not any(seed in json.dumps(entry.after, default=str) for entry in AuditEntry.objects.all())

    decision = decide(official, tender)
    bids = {f"b{bid.pk}" for bid in tender.bids.all()}
    first = sorted(bids, key=lambda bid: scoring.commitment(f"{seed}:{bid}"))[0]
    assert f"b{decision.winner_id}" == first
    audited = AuditEntry.objects.get(action="tendering.award_decide")
    assert audited.after["draw"] == {"commitment": commitment, "seed": seed}
    assert set(audited.after["ties"][""][0]) == bids

    type(procurement).objects.filter(pk=procurement.pk).update(is_public=True)
    assert seed not in client.get(f"/api/v1/procurements/{procurement.pk}/ocds").content.decode()
    services.publish_award(official, decision)
    client.logout()
    # The open data carries the tie and the draw with the award, and validates with the extension.
    package = client.get(f"/api/v1/procurements/{procurement.pk}/ocds").json()
    assert validation.errors(package) == [] and validation.undeclared_fields(package["releases"][0]) == []
    [awarded] = package["releases"][0]["awards"]
    assert awarded["tieBreak"]["rule"] == "qualityThenLots" and set(awarded["tieBreak"]["ties"][0]) == bids
    assert awarded["tieBreak"]["draw"] == {"commitment": commitment, "seed": seed}
    assert awarded["tieBreak"]["comparisonUrl"].endswith(f"/api/v1/tenders/{tender.pk}/comparison")
    document = client.get(f"/api/v1/tenders/{tender.pk}/comparison").json()
    assert document["comparison"]["draw"] == {"commitment": commitment, "seed": seed}
    assert set(document["comparison"]["ties"][0]) == bids
    page = client.get(f"/tenders/{tender.pk}/award/").content.decode()
    assert seed in page and commitment in page
    published = tmp_path / "award.json"
    published.write_text(json.dumps(document))
    call_command("recompute-award", str(published))
    document["comparison"]["draw"]["seed"] = "0" * 64  # not the committed seed
    published.write_text(json.dumps(document))
    with pytest.raises(Exception):
        call_command("recompute-award", str(published))


def test_the_tie_rules_offered_are_the_announced_domain_rules(client, official, procurement):
    tender = make_tender(official, procurement, publish=False)
    client.force_login(official)
    form = client.get(f"/procurements/{procurement.pk}/tender/edit/").content.decode()
    for rule in scoring.TieRule:
        assert f'value="{rule.value}"' in form
    assert tender.tie_rule == "quality_then_earlier"


def test_a_decision_sent_by_letter_counts_from_the_seventh_day(official, procurement):
    tender = tied_tender(official, procurement)
    sent = date(2026, 6, 1)
    decision = decide(official, tender, decided_on=sent, sent_on=sent, channel="letter")
    received = sent + timedelta(days=7)
    assert decision.received_on == received
    assert decision.standstill_ends_on == deadlines.period_end(received, 14)
    assert selectors.timeline(decision)["complaints_until"] == deadlines.period_end(received, tender.complaint_days)


def test_a_standstill_shorter_than_the_law_is_refused_and_nothing_is_stored(official, procurement):
    tender = tied_tender(official, procurement)
    day = date(2026, 6, 1)
    with pytest.raises(ServiceError) as refused:
        decide(official, tender, decided_on=day, standstill_ends_on=day + timedelta(days=3))
    assert "standstill_too_short" in str(refused.value.errors)
    assert not AwardDecision.objects.exists()


def test_the_award_pdf_carries_the_instructions_in_finnish_and_swedish(client, official, procurement):
    tender = published_award(official, procurement)
    deadline = tender.award.complaints_until
    for prefix in ("", "/sv", "/en"):
        response = client.get(f"{prefix}/tenders/{tender.pk}/award.pdf")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pdf = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()
        flat = " ".join(pdf.split())
        assert "Valitusosoitus" in flat and "Besvärsanvisning" in flat
        assert "Radanrakentajantie 5, 00520 Helsinki" in flat and "markkinaoikeus@oikeus.fi" in flat
        assert "1455/2015" in flat
        assert f"{deadline.day}.{deadline.month}.{deadline.year}" in flat
    swedish = client.get(f"/sv/tenders/{tender.pk}/award/").content.decode()
    assert swedish.index('lang="sv"') < swedish.index('<div lang="fi"')


# Appeals: the Market Court decides ------------------------------------------------------------

def losing_bidder(tender):
    from .. import factories

    losing = tender.bids.exclude(pk=tender.award.winner_id).first()
    return factories.UserFactory(organisation=losing.lead, position="representative")


def test_the_authority_cannot_answer_an_appeal_it_records_the_courts_decision(client, official, procurement):
    tender = published_award(official, procurement)
    appeal = services.file_complaint(losing_bidder(tender), tender.award,
                                     {"kind": "market_court_appeal", "grounds": "Pisteytys on virheellinen."})
    with pytest.raises(ServiceError) as refused:
        services.answer_complaint(official, appeal, {"outcome": "rejected", "answer": "Ei."})
    assert refused.value.status == 409 and "appeal_not_answered" in str(refused.value.errors)
    client.force_login(official)
    response = client.post(f"/api/v1/complaints/{appeal.pk}/answer", {"outcome": "rejected", "answer": "Ei."},
                           content_type="application/json")
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "appeal_not_answered"
    assert client.get(f"/complaints/{appeal.pk}/answer/").status_code == 409
    assert Complaint.objects.get(pk=appeal.pk).is_pending

    response = client.post(f"/api/v1/complaints/{appeal.pk}/court-decision", {
        "outcome": "rejected", "court_decided_on": "2026-06-01", "answer": "Markkinaoikeus hylkäsi valituksen."},
        content_type="application/json")
    assert response.status_code == 200 and response.json()["court_decided_on"] == "2026-06-01"
    assert AuditEntry.objects.filter(action="tendering.court_decision_record").count() == 1
    page = client.get(f"/tenders/{tender.pk}/award/").content.decode()
    assert "Markkinaoikeus hylkäsi valituksen." in page


def test_a_ban_on_enforcement_holds_the_contract_until_the_court_decides(official, procurement, client):
    from coprocure.core import services as core

    core.change_phase(official, procurement, "tendering")
    tender = published_award(official, procurement)
    AwardDecision.objects.filter(tender=tender).update(
        standstill_ends_on=timezone.localdate() - timedelta(days=1))
    client.force_login(official)
    appellant = tender.bids.exclude(pk=tender.award.winner_id).first().lead
    response = client.post(f"/api/v1/tenders/{tender.pk}/appeals", {
        "appellant": appellant.pk, "filed_on": timezone.localdate().isoformat(), "enforcement_banned": True},
        content_type="application/json")
    assert response.status_code == 201 and response.json()["enforcement_banned"] is True
    appeal = Complaint.objects.get()
    tender.award.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        contract_award.conclude_award(official, tender.award, CONTRACT)
    assert refused.value.status == 409 and "enforcement_banned" in str(refused.value.errors)
    services.record_court_decision(official, appeal, {"outcome": "rejected", "court_decided_on": timezone.localdate(),
                                                      "answer": "Hylätty."})
    tender.award.refresh_from_db()
    contracts = contract_award.conclude_award(official, tender.award, CONTRACT)
    assert contracts


def test_an_appeal_without_a_ban_does_not_hold_the_contract_but_a_rectification_request_does(official, procurement):
    tender = published_award(official, procurement)
    decision = tender.award
    services.file_complaint(losing_bidder(tender), decision, {"kind": "market_court_appeal", "grounds": "X"})
    assert selectors.contract_holds(decision) == (0, False)
    services.file_complaint(losing_bidder(tender), decision, {"kind": "rectification_request", "grounds": "Y"})
    assert selectors.contract_holds(decision) == (1, False)


def test_an_appellant_must_have_bid_and_bad_input_is_refused_by_field(official, procurement, client):
    tender = published_award(official, procurement)
    client.force_login(official)
    outsider = provider("Ulkopuolinen Oy").organisation
    response = client.post(f"/api/v1/tenders/{tender.pk}/appeals", {"appellant": outsider.pk, "filed_on": "x"},
                           content_type="application/json")
    assert response.status_code == 422
    assert not Complaint.objects.exists()
