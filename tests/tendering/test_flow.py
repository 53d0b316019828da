"""The tendering phase end to end through the services, and the published, recomputable award."""

import json
from decimal import Decimal

import jsonschema
import pytest
from django.core.management import call_command
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.domain import deadlines
from coprocure.domain import scoring
from coprocure.errors import ServiceError
from coprocure.tendering import selectors, services
from coprocure.tendering.models import Bid

from ..factories import ProviderFactory, UserFactory, text
from .conftest import answers, consent, evaluator, open_bids, pass_deadline, provider


def validate_published(document):
    """Against docs/schemas/published-award.schema.json, whose comparison part is the award-comparison schema."""
    from referencing import Registry, Resource

    with open("docs/schemas/award-comparison.schema.json") as inner, open("docs/schemas/published-award.schema.json") as outer:
        comparison, published = json.load(inner), json.load(outer)
    registry = Registry().with_resource("award-comparison.schema.json", Resource.from_contents(comparison))
    jsonschema.Draft202012Validator(published, registry=registry).validate(json.loads(json.dumps(document)))


def settle_all(official, tender):
    for bid in tender.bids.filter(withdrawn_at__isnull=True, exclusion_reason=""):
        for criterion in tender.criteria.all():
            services.settle_score(official, bid, criterion)


def test_a_consortium_bid_is_sealed_opened_scored_and_awarded(official, procurement, tender, tmp_path):
    lead = provider("Kulma Oy")
    member = ProviderFactory(name="Vertaisvoima ry")
    other = provider("Toipumo sr")
    consent(lead, procurement, [(member, "vertaistuki")])
    first = services.submit_bid(lead, tender, {"price": Decimal("900000"), "answers": answers(tender),
                                               "members": [(member, "vertaistuki")]})
    services.submit_bid(other, tender, {"price": Decimal("1000000"), "answers": answers(tender, "Toinen")})
    stored = Bid.objects.get(pk=first.pk)
    assert stored.price is None and stored.answers is None
    assert b"900000" not in bytes(stored.sealed_content) and b"Vastaus" not in bytes(stored.sealed_content)

    pass_deadline(tender)
    open_bids(official, tender)
    assert Bid.objects.get(pk=first.pk).price == Decimal("900000")
    assert AuditEntry.objects.filter(action="tendering.bids_open").exists()

    one, two = evaluator(official, procurement), evaluator(official, procurement)
    for person in (one, two):
        services.declare_conflict(person, tender, False)
    scores = {one: Decimal(4), two: Decimal(5)}
    for bid in tender.bids.all():
        for criterion in tender.criteria.all():
            for person, value in scores.items():
                services.record_score(person, bid, criterion, value if bid.pk == first.pk else Decimal(3), "Perustelu")
    settle_all(official, tender)

    decision = services.decide_award(official, tender, {
        "accountable_official": official, "reasons": text("Paras hinta-laatusuhde."), "decided_on": timezone.localdate(),
    })
    assert decision.winner_id == first.pk
    # 14 days from the decision (sent electronically that day), on a working day (150/1930).
    assert decision.standstill_ends_on == deadlines.period_end(decision.decided_on, 14)
    services.publish_award(official, decision)

    document = selectors.published_comparison(decision)
    validate_published(document)
    cell = next(e for e in document["evaluations"] if e["bid"] == f"b{first.pk}")
    assert [s["score"] for s in cell["scores"]] == ["4", "5"] and cell["final_score"] == "4.5"
    assert document["bids"][0]["members"] == [{"organisation": "Vertaisvoima ry", "role": "vertaistuki"}]
    _result, matches = scoring.recompute(document["comparison"])
    assert matches

    published = tmp_path / "award.json"
    published.write_text(json.dumps(document))
    call_command("recompute-award", str(published))
    document["comparison"]["ranking"][0]["total"] = "99"
    published.write_text(json.dumps(document))
    with pytest.raises(SystemExit) as exited:
        call_command("recompute-award", str(published))
    assert exited.value.code == 1


def test_a_second_submission_replaces_the_first_and_withdrawal_is_possible_until_the_deadline(tender):
    bidder = provider()
    first = services.submit_bid(bidder, tender, {"price": Decimal("10"), "answers": answers(tender)})
    second = services.submit_bid(bidder, tender, {"price": Decimal("20"), "answers": answers(tender)})
    assert first.pk == second.pk and Bid.objects.count() == 1
    services.withdraw_bid(bidder, second)
    assert Bid.objects.get().is_withdrawn


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("-5")])
def test_a_price_must_be_positive(tender, price):
    with pytest.raises(ServiceError) as raised:
        services.submit_bid(provider(), tender, {"price": price, "answers": answers(tender)})
    assert raised.value.errors["price"][0][0] == "price_not_positive"
    assert not Bid.objects.exists()


def test_every_criterion_needs_an_answer(tender):
    with pytest.raises(ServiceError) as raised:
        services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": {}})
    assert {code for items in raised.value.errors.values() for code, _m in items} == {"answer_required"}


def test_no_bid_after_the_deadline_and_no_opening_before_it(official, tender):
    bidder = provider()
    services.submit_bid(bidder, tender, {"price": Decimal("5"), "answers": answers(tender)})
    with pytest.raises(ServiceError) as raised:
        services.open_bids(official, tender)
    assert raised.value.status == 409 and "bids_sealed" in str(raised.value.errors)
    refused = AuditEntry.objects.get(action="tendering.sealed_access_refused")
    assert refused.after == {"route": "open_bids"}
    pass_deadline(tender)
    with pytest.raises(ServiceError) as raised:
        services.submit_bid(bidder, tender, {"price": Decimal("4"), "answers": answers(tender)})
    assert raised.value.status == 409 and raised.value.errors["deadline"][0][0] == "deadline_passed"


def test_weights_must_sum_to_100_before_publishing(official, procurement):
    from .conftest import make_tender

    tender = make_tender(official, procurement, publish=False, price_weight=Decimal("50"))
    with pytest.raises(ServiceError) as raised:
        services.publish_tender(official, tender)
    assert raised.value.errors["award_criteria"][0][0] == "weights_not_100"
    assert "110" in raised.value.errors["award_criteria"][0][1]


def test_scoring_needs_a_declaration_and_a_score_in_the_scale(official, procurement, tender):
    services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    bid, criterion = Bid.objects.get(), tender.criteria.first()
    with pytest.raises(ServiceError) as raised:
        services.record_score(person, bid, criterion, Decimal(3), "Hyvä")
    assert raised.value.status == 403
    services.declare_conflict(person, tender, False)
    with pytest.raises(ServiceError) as raised:
        services.record_score(person, bid, criterion, Decimal(6), "Hyvä")
    assert raised.value.errors["score"][0][0] == "score_out_of_scale"


def test_consensus_different_from_a_score_needs_a_reason(official, procurement, tender):
    services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    bid, criterion = Bid.objects.get(), tender.criteria.first()
    services.record_score(person, bid, criterion, Decimal(2), "Heikko")
    with pytest.raises(ServiceError) as raised:
        services.settle_score(official, bid, criterion, Decimal(3))
    assert raised.value.errors["reason"][0][0] == "consensus_reason_required"
    final = services.settle_score(official, bid, criterion, Decimal(3), "Paneeli sopi yhdessä.")
    assert final.score == 3 and final.method == "consensus"


def test_settling_waits_for_every_panel_member(official, procurement, tender):
    services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    one, two = evaluator(official, procurement), evaluator(official, procurement)
    services.declare_conflict(one, tender, False)
    services.declare_conflict(two, tender, False)
    bid, criterion = Bid.objects.get(), tender.criteria.first()
    services.record_score(one, bid, criterion, Decimal(2), "Heikko")
    with pytest.raises(ServiceError) as raised:
        services.settle_score(official, bid, criterion)
    assert raised.value.status == 409


def test_only_an_official_of_the_authority_is_accountable_for_the_award(official, procurement, tender, staff):
    bidder = provider()
    services.submit_bid(bidder, tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    bid = Bid.objects.get()
    for criterion in tender.criteria.all():
        services.record_score(person, bid, criterion, Decimal(3), "Perustelu")
    settle_all(official, tender)
    with pytest.raises(ServiceError) as raised:
        services.decide_award(official, tender, {"accountable_official": staff, "reasons": text("Syy"),
                                                 "decided_on": timezone.localdate()})
    assert raised.value.errors["accountable_official"][0][0] == "accountable_not_official"
    outsider = UserFactory(organisation=bidder.organisation, position="official")
    with pytest.raises(ServiceError) as raised:
        services.decide_award(official, tender, {"accountable_official": outsider, "reasons": text("Syy"),
                                                 "decided_on": timezone.localdate()})
    assert raised.value.errors["accountable_official"][0][0] == "accountable_not_of_authority"
