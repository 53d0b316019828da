"""The whole tendering phase through the JSON API, with the same rules as the pages."""

import json
from datetime import timedelta

from django.utils import timezone

from coprocure.participation import services as participation
from coprocure.tendering.models import Tender

from ..factories import text
from .conftest import evaluator, pass_deadline, provider, second_official


def call(client, method, url, payload=None):
    response = getattr(client, method)(f"/api/v1{url}", json.dumps(payload or {}), content_type="application/json")
    return response.status_code, response.json()


def test_prepare_bid_open_score_and_award_through_the_api(client, official, procurement):
    insight = participation.create_insight(official, procurement, {"statement": text("Vertaistuki auttaa.")})
    client.force_login(official)
    status, objective = call(client, "post", f"/procurements/{procurement.pk}/objectives", {
        "statement": {"fi": "Vertaistukea joka päivä"}, "insights": [insight.pk], "agreed_on": "2026-01-31"})
    assert status == 201, objective
    status, tender = call(client, "put", f"/procurements/{procurement.pk}/tender", {
        "service_description": {"fi": "Päihdekuntoutus"}, "deadline": (timezone.now() + timedelta(days=5)).isoformat(),
        "consortia_allowed": True, "quality_method": "relative", "tie_rule": "price_then_earlier", "price_weight": "50"})
    assert status == 200, tender
    status, criterion = call(client, "post", f"/tenders/{tender['id']}/criteria", {
        "name": {"fi": "Vertaistuki"}, "weight": "40", "scale_max": 5, "levels_text": "0: Ei\n5: Joka päivä",
        "objectives": [objective["id"]]})
    assert status == 201 and criterion["levels"] == {"0": "Ei", "5": "Joka päivä"}
    status, body = call(client, "post", f"/tenders/{tender['id']}/publish")
    assert status == 422 and body["errors"][0]["code"] == "weights_not_100"
    call(client, "post", f"/tenders/{tender['id']}/criteria", {"name": {"fi": "Kokemus"}, "weight": "10", "scale_max": 5})
    status, published = call(client, "post", f"/tenders/{tender['id']}/publish")
    assert status == 200 and published["published_at"] and len(published["criteria"]) == 2

    keys = [c["id"] for c in published["criteria"]]
    bidders = [provider("A Oy"), provider("B Oy")]
    bids = []
    for bidder, price in zip(bidders, ("100", "80")):
        client.force_login(bidder)
        status, bid = call(client, "post", f"/tenders/{tender['id']}/bids",
                           {"price": price, "answers": {key: "Vastaus" for key in keys}})
        assert status == 201 and bid["price"] is None
        bids.append(bid["id"])

    pass_deadline(Tender.objects.get(pk=tender["id"]))
    client.force_login(official)
    status, requested = call(client, "post", f"/tenders/{tender['id']}/open")
    assert status == 200 and requested["opening_requested_at"] and requested["opened_at"] is None
    client.force_login(second_official(official, procurement))
    status, opened = call(client, "post", f"/tenders/{tender['id']}/open")
    assert status == 200 and opened["opened_at"] and len(opened["draw_commitment"]) == 64
    client.force_login(official)
    person = evaluator(official, procurement)
    client.force_login(person)
    assert call(client, "post", f"/tenders/{tender['id']}/declaration", {"has_conflict": False})[0] == 201
    for bid in bids:
        for key in keys:
            status, score = call(client, "post", f"/tenders/{tender['id']}/scores",
                                 {"bid": bid, "criterion": key, "score": "4" if bid == bids[0] else "2",
                                  "justification": "Perustelu"})
            assert status == 201, score
    client.force_login(official)
    for bid in bids:
        for key in keys:
            assert call(client, "post", f"/tenders/{tender['id']}/final-scores", {"bid": bid, "criterion": key})[0] == 201
    status, decision = call(client, "post", f"/tenders/{tender['id']}/award", {
        "accountable_official": official.pk, "reasons": {"fi": "Paras"}, "decided_on": "2026-03-09"})
    assert status == 201 and decision["winner"] == bids[0] and decision["standstill_ends_on"] == "2026-03-23"
    assert client.get(f"/api/v1/tenders/{tender['id']}/comparison").status_code == 404
    status, document = call(client, "post", f"/tenders/{tender['id']}/award/publish")
    assert status == 200 and document["comparison"]["criteria"]["quality_method"] == "relative"
    client.logout()
    public = client.get(f"/api/v1/tenders/{tender['id']}/comparison").json()
    assert [row["bid_id"] for row in public["comparison"]["ranking"]] == [f"b{bids[0]}", f"b{bids[1]}"]


def test_a_provider_cannot_prepare_or_open_and_an_anonymous_caller_cannot_bid(client, official, procurement, tender):
    bidder = provider()
    client.force_login(bidder)
    assert call(client, "put", f"/procurements/{procurement.pk}/tender", {"price_weight": "40"})[0] == 403
    assert call(client, "post", f"/tenders/{tender.pk}/open")[0] == 403
    client.logout()
    assert call(client, "post", f"/tenders/{tender.pk}/bids", {"price": "5"})[0] == 401
