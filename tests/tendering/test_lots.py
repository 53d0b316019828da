"""A tender split into lots: bids per lot, a comparison and winner per lot, a published
comparison that recomputes lot by lot, and one contract per lot's winner."""

import json
from io import StringIO
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from coprocure.contracts.models import Contract
from coprocure.core import services as core
from coprocure.domain import scoring
from coprocure.errors import ServiceError
from coprocure.contracts.award import conclude_award
from coprocure.tendering import selectors, services
from coprocure.tendering.models import Bid, Lot

from ..factories import ProviderFactory, create_procurement, text
from .conftest import answers, consent, evaluator, make_tender, open_bids, pass_deadline, provider, published_award
from .test_documents import pdf_text
from .test_flow import validate_published

CONTRACT = {"kind": "service", "title": text("Päihdekuntoutus"), "description": text(""), "options": {}}


def two_lot_tender(client, official, procurement):
    """Lot 1 through the page, lot 2 through the API, then published."""
    core.change_phase(official, procurement, "tendering")
    tender = make_tender(official, procurement, publish=False)
    client.force_login(official)
    page = client.post(f"/tenders/{tender.pk}/lots/new/", {
        "title_fi": "Laitoskuntoutus", "description_fi": "Ympärivuorokautinen kuntoutus.", "estimated_value": "600000"})
    assert page.status_code == 302
    api = client.post(f"/api/v1/tenders/{tender.pk}/lots", json.dumps({
        "title": {"fi": "Avokuntoutus"}, "estimated_value": "450000"}), content_type="application/json")
    assert api.status_code == 201 and api.json()["number"] == 2
    services.publish_tender(official, tender)
    return tender


def bid_through_api(client, user, tender, lot, price, members=()):
    client.force_login(user)
    return client.post(f"/api/v1/tenders/{tender.pk}/bids", json.dumps({
        "price": price, "answers": answers(tender), "lot": lot.pk if lot else None,
        "members": [{"organisation": m.pk, "role": "vertaistuki"} for m in members]}), content_type="application/json")


def test_two_lots_are_won_by_different_bidders_and_become_two_contracts(client, official, procurement, tmp_path):
    tender = two_lot_tender(client, official, procurement)
    first, second = Lot.objects.filter(tender=tender)
    kulma, toipumo, vertais = provider("Kulma Oy"), provider("Toipumo sr"), provider("Vertaisvoima ry")
    member = ProviderFactory(name="Kohtaamo ry")
    # One bidder in both lots; the lowest price of lot 2 is not counted in lot 1.
    response = bid_through_api(client, kulma, tender, first, "500000")
    assert response.status_code == 201, response.content
    assert bid_through_api(client, kulma, tender, second, "480000").status_code == 201
    consent(vertais, tender.procurement, [(member, "vertaistuki")])
    assert bid_through_api(client, vertais, tender, second, "400000", [member]).status_code == 201
    client.force_login(toipumo)
    form = client.post(f"/tenders/{tender.pk}/bid/", {"price": "520000", "lot": first.pk,
                                                        **{c.key: "Lupaus" for c in tender.criteria.all()}})
    assert form.status_code == 302
    assert Bid.objects.filter(tender=tender, lead=kulma.organisation).count() == 2
    client.force_login(kulma)
    own_page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Peru osan 1 tarjouksesi" in own_page and "Peru osan 2 tarjouksesi" in own_page

    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    for bid in tender.bids.all():
        for criterion in tender.criteria.all():
            services.record_score(person, bid, criterion, Decimal(4), "Perustelu")
            services.settle_score(official, bid, criterion)
    decided = timezone.localdate() - timedelta(days=20)
    decision = services.decide_award(official, tender, {
        "accountable_official": official, "reasons": text("Paras hinta-laatusuhde kummassakin osassa."),
        "decided_on": decided})
    services.publish_award(official, decision)

    winners = {lot.number: bid.lead.name for lot, bid in services.lot_winners(decision)}
    assert winners == {1: "Kulma Oy", 2: "Vertaisvoima ry"}
    response = client.get(f"/api/v1/tenders/{tender.pk}/comparison")
    assert response.status_code == 200
    document = response.json()
    validate_published(document)
    lots = {entry["lot"]: entry for entry in document["comparison"]["lots"]}
    assert Decimal(lots["1"]["lowest_price"]) == 500000 and Decimal(lots["2"]["lowest_price"]) == 400000
    kulma_in_lot_1 = next(row for row in lots["1"]["ranking"] if row["rank"] == 1)
    assert Decimal(kulma_in_lot_1["price_points"]) == 40
    assert document["decision"]["lot_winners"] == {"1": lots["1"]["ranking"][0]["bid_id"],
                                                   "2": lots["2"]["ranking"][0]["bid_id"]}
    assert {b["lot"] for b in document["bids"]} == {"1", "2"}
    assert "Avokuntoutus" in client.get(f"/tenders/{tender.pk}/award/").content.decode()

    published = tmp_path / "award.json"
    published.write_text(json.dumps(document))
    call_command("recompute-award", str(published), stdout=(out := StringIO()))
    assert "Lot 1: matches" in out.getvalue() and "Lot 2: matches" in out.getvalue()
    lots["2"]["ranking"][0]["total"] = "99"
    published.write_text(json.dumps(document))
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("recompute-award", str(published), stdout=out, stderr=StringIO())
    assert exited.value.code == 1 and "Lot 1: matches" in out.getvalue() and "Lot 2: does NOT match" in out.getvalue()

    today = timezone.localdate()
    conclude_award(official, decision, {**CONTRACT, "starts_on": today + timedelta(days=30),
                                                 "ends_on": today + timedelta(days=400)})
    contracts = {str(c): {(p.name, p.role) for p in c.parties.all()}
                 for c in Contract.objects.filter(procurement=procurement).prefetch_related("parties")}
    authority = (procurement.authority.name, "authority")
    assert contracts == {
        "Päihdekuntoutus – osa 1: Laitoskuntoutus": {authority, ("Kulma Oy", "provider")},
        "Päihdekuntoutus – osa 2: Avokuntoutus": {authority, ("Vertaisvoima ry", "consortium_lead"),
                                                   ("Kohtaamo ry", "consortium_member")},
    }
    with pytest.raises(ServiceError) as again:
        conclude_award(official, decision, {**CONTRACT, "starts_on": today, "ends_on": today})
    assert again.value.status == 409


def test_the_invitation_page_and_pdf_list_the_lots(client, official, procurement):
    tender = two_lot_tender(client, official, procurement)
    page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Laitoskuntoutus" in page and "Avokuntoutus" in page and "450" in page
    document = pdf_text(client.get(f"/tenders/{tender.pk}/invitation.pdf"))
    assert "Laitoskuntoutus" in document and "Avokuntoutus" in document
    assert client.get(f"/api/v1/tenders/{tender.pk}").json()["lots"][1]["title"]["fi"]["text"] == "Avokuntoutus"


def test_a_bid_to_a_tender_with_lots_must_name_one_of_its_lots(client, official, procurement):
    tender = two_lot_tender(client, official, procurement)
    bidder = provider()
    missing = bid_through_api(client, bidder, tender, None, "1000")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "lot"
    other = make_tender(official, create_procurement(official), publish=False)
    with pytest.raises(ServiceError) as unknown:
        services.submit_bid(bidder, tender, {"price": Decimal("1000"), "answers": answers(tender),
                                             "lot": services.add_lot(official, other, {"title": text("Muu")})})
    assert unknown.value.errors["lot"][0][0] == "lot_unknown"


def test_lots_are_fixed_once_the_tender_is_published(client, official, procurement):
    tender = two_lot_tender(client, official, procurement)
    client.force_login(official)
    response = client.post(f"/api/v1/tenders/{tender.pk}/lots", json.dumps({"title": {"fi": "Kolmas"}}),
                           content_type="application/json")
    assert response.status_code == 409 and tender.lots.count() == 2


def test_a_tender_without_lots_publishes_the_comparison_as_before(official, procurement):
    decision = selectors.award_of(published_award(official, procurement))
    assert "lots" not in decision.comparison and "lots" not in selectors.published_comparison(decision)
    results, verdict = scoring.recompute_lots(decision.comparison)
    assert verdict == {None: True} and results[0][0] is None
