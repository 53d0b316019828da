"""Negotiation rounds through the services, pages and API: initial bids sealed per round and
opened by two officials after the deadline, the reduction of candidates by the accountable
official with a reason per candidate and its instructions, and what the reduced and the
unselected cannot do (their final tenders: test_final_tenders.py)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.procedures import selectors, services
from coprocure.procedures.models import CandidateReduction, ReductionDecision, RoundBid

from .conftest import begin, pass_deadline
from .rounds import bid, opened_round, round_world


@pytest.fixture
def world(official):
    return round_world(official)


def reduce(official, world, box, keep=(0, 1)):
    return services.decide_reduction(official, box, {
        "reasons": "Kaksi edullisinta jatkavat ilmoitettujen perusteiden mukaan.",
        "candidates": {b.organisation_id: (n in keep, "Hinta-laatusuhde." if n in keep else "Kallein ratkaisu.")
                       for n, b in enumerate(world["bidders"])}})


def test_an_initial_bid_is_stored_sealed_and_its_audit_entry_says_nothing_of_it(world):
    made = bid(world, offer="Salainen tarjous")
    stored = RoundBid.objects.get(pk=made.pk)
    assert stored.content is None and b"Salainen" not in bytes(stored.sealed_content)
    assert "Salainen" not in str(AuditEntry.objects.get(action="procedures.round_bid_submit").after)


def test_a_second_bid_replaces_the_first(world):
    first = bid(world, price="100")
    again = bid(world, price="90")
    assert first.pk == again.pk and RoundBid.objects.count() == 1


def test_a_bid_after_the_deadline_is_refused_and_nothing_is_stored(world):
    pass_deadline(world["stages"][1])
    world["round"].stage.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        bid(world)
    assert refused.value.status == 409 and "stage_deadline_passed" in str(refused.value.errors)
    assert not RoundBid.objects.exists()


def test_an_organisation_not_selected_cannot_bid(world):
    with pytest.raises(PermissionDenied):
        services.submit_round_bid(world["outsider"], world["round"], {"price": "1", "offer": "Halpa."})
    assert not RoundBid.objects.exists()


def test_a_bad_price_is_a_field_error_and_nothing_is_stored(client, world):
    client.force_login(world["bidders"][0])
    for price in ("-1", "1e20", "abc"):
        response = client.post(f"/api/v1/stages/{world['stages'][1].pk}/round/bids",
                               {"price": price, "offer": "Tarjous."}, content_type="application/json")
        assert response.status_code == 422, price
    assert not RoundBid.objects.exists()


def test_the_next_round_cannot_open_before_this_one_closes(official, world):
    with pytest.raises(ServiceError) as refused:
        begin(official, world["stages"][2])
    assert "stage_previous_not_closed" in str(refused.value.errors)


def test_one_official_cannot_open_the_bids_alone_and_not_before_the_deadline(official, world):
    bid(world)
    box = world["round"]
    with pytest.raises(ServiceError) as early:
        services.open_round_bids(official, box)
    assert "round_bids_sealed" in str(early.value.errors)
    assert AuditEntry.objects.filter(action="procedures.sealed_access_refused").exists()
    pass_deadline(world["stages"][1])
    box.stage.refresh_from_db()
    services.open_round_bids(official, box)
    with pytest.raises(ServiceError) as alone:
        services.open_round_bids(official, box)
    assert "opening_same_official" in str(alone.value.errors)
    box.refresh_from_db()
    assert not box.is_opened and RoundBid.objects.get().content is None


def test_two_officials_open_the_bids_and_only_the_authority_reads_them(client, official, world):
    bid(world, 0, price="120000")
    bid(world, 1, price="99000", offer="Kilpailijan salainen tarjous")
    box = opened_round(official, world)
    assert {b.content["price"] for b in box.bids.all()} == {"120000.00", "99000.00"}
    path = f"/api/v1/stages/{world['stages'][1].pk}/round/bids"
    client.force_login(official)
    assert client.get(path).status_code == 200 and "99000.00" in client.get(path).content.decode()
    client.force_login(world["bidders"][0])
    assert client.get(path).status_code == 403
    page = client.get(f"/stages/{world['stages'][1].pk}/round/")
    assert page.status_code == 200 and "Kilpailijan" not in page.content.decode()


def test_reduction_with_reasons_publishes_instructions_and_shuts_out_the_reduced(official, world):
    bid(world, 0)
    bid(world, 1)
    bid(world, 2)
    box = opened_round(official, world)
    decision = reduce(official, world, box)
    assert CandidateReduction.objects.filter(decision=decision, kept=True).count() == 2
    assert AuditEntry.objects.filter(action="procedures.reduction_decide").exists()
    procurement = world["procurement"]
    reduced, kept = world["bidders"][2], world["bidders"][0]
    assert not reduced.has_perm("procedures.round_bid", procurement)
    assert not reduced.has_perm("procedures.next_stage", procurement)
    assert kept.has_perm("procedures.round_bid", procurement)
    services.close_stage(official, world["stages"][1])
    begin(official, world["stages"][2])
    second = selectors.visible_round(official, world["stages"][2].pk)
    with pytest.raises(PermissionDenied):
        services.submit_round_bid(reduced, second, {"price": "1", "offer": "Vielä kerran."})
    assert services.submit_round_bid(kept, second, {"price": "100", "offer": "Tarkennettu."}).round_id == second.pk


def test_reduction_before_the_opening_is_refused_as_sealed(official, world):
    with pytest.raises(ServiceError) as refused:
        reduce(official, world, world["round"])
    assert "round_bids_sealed" in str(refused.value.errors) and not ReductionDecision.objects.exists()


def test_reduction_needs_a_reason_for_every_candidate_and_keeps_someone(official, world):
    box = opened_round(official, world)
    ids = [b.organisation_id for b in world["bidders"]]
    for candidates, code in (({ids[0]: (True, "Hyvä."), ids[1]: (False, ""), ids[2]: (False, "Kallis.")},
                              "selection_reason_required"),
                             ({i: (False, "Ei.") for i in ids}, "reduction_keeps_none"),
                             ({ids[0]: (True, "Hyvä.")}, "selection_every_candidate")):
        with pytest.raises(ServiceError) as refused:
            services.decide_reduction(official, box, {"reasons": "Perustelut.", "candidates": candidates})
        assert code in str(refused.value.errors)
    assert not ReductionDecision.objects.exists() and not CandidateReduction.objects.exists()


def test_a_round_not_announced_to_reduce_cannot_reduce(official, world):
    box = opened_round(official, world)
    type(box.stage).objects.filter(pk=box.stage.pk).update(reduces_candidates=False)
    box.stage.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        reduce(official, world, box)
    assert refused.value.status == 409 and "reduction_not_announced" in str(refused.value.errors)


def test_staff_cannot_reduce(official, staff, world):
    box = opened_round(official, world)
    with pytest.raises(PermissionDenied):
        reduce(staff, world, box)
    assert not ReductionDecision.objects.exists()


def test_the_round_page_and_api_walk(client, official, world):
    stage = world["stages"][1].pk
    client.force_login(world["bidders"][0])
    page = client.get(f"/stages/{stage}/round/")
    assert page.status_code == 200 and f"/stages/{stage}/round/bid/" in page.content.decode()
    sent = client.post(f"/stages/{stage}/round/bid/", {"price": "123000", "offer": "Verkossa ja kotona."})
    assert sent.status_code == 302
    response = client.post(f"/api/v1/stages/{stage}/round/bids", {"price": "122000", "offer": "Päivitetty."},
                           content_type="application/json")
    assert response.status_code == 201 and RoundBid.objects.count() == 1
    client.force_login(world["outsider"])
    assert client.post(f"/stages/{stage}/round/bid/", {"price": "1", "offer": "x"}).status_code == 403
    box = opened_round(official, world)
    client.force_login(official)
    made = client.post(f"/api/v1/stages/{stage}/round/reduction", {
        "reasons": "Ilmoitetut perusteet.", "candidates": [
            {"organisation": b.organisation_id, "goes_on": n < 2, "reason": "Perustelu."}
            for n, b in enumerate(world["bidders"])]}, content_type="application/json")
    assert made.status_code == 201, made.content
    client.logout()
    public = client.get(f"/api/v1/stages/{stage}/round/reduction").json()
    assert public["candidates"] is None and public["instructions"]
    assert box.is_opened and Decimal(RoundBid.objects.get().content["price"]) == Decimal("122000")
