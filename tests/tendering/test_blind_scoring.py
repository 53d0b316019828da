"""Each evaluator scores blind: their page and the API show their own scores only, until the
panel settles the final score; the official sees the scores only when everyone has scored."""

import json
from decimal import Decimal

import pytest

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.tendering import selectors, services
from coprocure.tendering.models import Bid

from .. import factories
from .conftest import answers, evaluator, make_tender, open_bids, pass_deadline, provider, published_award


def test_an_evaluator_never_sees_another_evaluators_score_before_settling(client, official, procurement, tender):
    services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    one, two = evaluator(official, procurement), evaluator(official, procurement)
    bid, criterion = Bid.objects.get(), tender.criteria.first()

    client.force_login(one)
    declaration = client.get(f"/tenders/{tender.pk}/scoring/").content.decode()
    assert "Vastaus" not in declaration  # no bid is shown before the declaration
    client.post(f"/tenders/{tender.pk}/scoring/", {"has_conflict": "no"})
    response = client.post(f"/api/v1/tenders/{tender.pk}/scores", json.dumps({
        "bid": bid.pk, "criterion": criterion.key, "score": "1.25", "justification": "Toisen arvioijan perustelu",
    }), content_type="application/json")
    assert response.status_code == 201

    client.force_login(two)
    client.post(f"/tenders/{tender.pk}/scoring/", {"has_conflict": "no"})
    page = client.get(f"/tenders/{tender.pk}/scoring/").content.decode()
    assert "Vastaus" in page and "1.25" not in page and "1,25" not in page and "Toisen arvioijan" not in page

    client.force_login(official)
    settlement = client.get(f"/tenders/{tender.pk}/settlement/").content.decode()
    assert "Toisen arvioijan" not in settlement  # the panel has not finished scoring

    client.force_login(two)
    client.post(f"/tenders/{tender.pk}/scoring/", {
        "bid": bid.pk, "criterion": criterion.pk, f"s{bid.pk}-{criterion.pk}-score": "3",
        f"s{bid.pk}-{criterion.pk}-justification": "Oma perustelu",
    })
    client.force_login(official)
    assert "Toisen arvioijan" in client.get(f"/tenders/{tender.pk}/settlement/").content.decode()


def test_scoring_without_a_declaration_is_refused(client, official, procurement, tender):
    services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    client.force_login(person)
    bid, criterion = Bid.objects.get(), tender.criteria.first()
    response = client.post(f"/api/v1/tenders/{tender.pk}/scores", json.dumps({
        "bid": bid.pk, "criterion": criterion.key, "score": "3", "justification": "x"}), content_type="application/json")
    assert response.status_code == 403 and response.json()["errors"][0]["code"] == "conflict_not_declared"
    out_of_scale = client.post(f"/tenders/{tender.pk}/scoring/", {"has_conflict": "no"})
    assert out_of_scale.status_code == 302
    bad = client.post(f"/tenders/{tender.pk}/scoring/", {
        "bid": bid.pk, "criterion": criterion.pk, f"s{bid.pk}-{criterion.pk}-score": "9",
        f"s{bid.pk}-{criterion.pk}-justification": "x"})
    assert bad.status_code == 422 and "0 ja 5" in bad.content.decode()


def test_every_change_to_a_final_score_has_a_recorded_reason(client, official, procurement):
    """Issue 12 item 7: from individual scores to the final one, and from one final score to
    another, each change is published with its reason."""
    tender = published_award(official, procurement)
    decision = tender.award
    document = selectors.published_comparison(decision)
    assert all(cell["method"] == "mean" and cell["scores"] and cell["scores"][0]["justification"]
               for cell in document["evaluations"])
    page = client.get(f"/tenders/{tender.pk}/award/").content.decode()
    assert "Perustelu" in page and "arvioijien pisteiden keskiarvo" in page

    # Before an award, a settled score changed by consensus needs a reason, and the audit keeps the old one.
    other = make_tender(official, factories.create_procurement(official, accountable_official=official))
    bid = services.submit_bid(provider("Toinen Oy"), other, {"price": Decimal("5"), "answers": answers(other)})
    pass_deadline(other)
    open_bids(official, other)
    person = evaluator(official, other.procurement)
    services.declare_conflict(person, other, False)
    criterion = other.criteria.first()
    services.record_score(person, bid, criterion, Decimal(4), "Hyvä")
    services.settle_score(official, bid, criterion, Decimal(5), "Paneeli sopi yhdessä tasosta 5.")
    with pytest.raises(ServiceError) as refused:
        services.settle_score(official, bid, criterion)  # back to the mean, 4, without saying why
    assert refused.value.errors["reason"][0][0] == "final_score_change_reason_required"
    services.settle_score(official, bid, criterion, reason="Tasoa 5 ei sittenkään perusteltu.")
    entry = AuditEntry.objects.filter(action="tendering.score_settle").order_by("-id").first()
    assert Decimal(entry.before["score"]) == 5 and entry.before["reason"] == "Paneeli sopi yhdessä tasosta 5."
    assert entry.after["reason"] == "Tasoa 5 ei sittenkään perusteltu."
