"""The end of the competition through the services: one deadline shared by the final tenders'
stage and the tender, final tenders only after the invitation issued to every candidate still in
the procedure, and the award on the initial bids where the published procedure reserved it. Each
promise is tried as an insider would break it, and each refusal leaves nothing half-stored."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.core.models import Procurement
from coprocure.errors import ServiceError
from coprocure.outbox.models import Message
from coprocure.procedures import services
from coprocure.procedures.models import ProcedureVersion, Stage
from coprocure.procedures.models_final import FinalTenderInvitation, InitialBidsAward
from coprocure.tendering import services as tendering
from coprocure.tendering.models import Bid, Tender

from .. import factories
from ..factories import text
from ..tendering.conftest import answers, evaluator, make_tender
from .conftest import begin, light_procurement, pass_deadline, selection_procedure
from .rounds import bid, opened_round, round_world

REASON = "Alkuperäiset tarjoukset täyttävät tarpeet; neuvottelu ei toisi lisäarvoa."


def codes(error) -> set:
    return {code for items in error.value.errors.values() for code, _message in items}


def reduce(official, world, box):
    return services.decide_reduction(official, box, {
        "reasons": "Kaksi edullisinta jatkavat.",
        "candidates": {b.organisation_id: (n < 2, "Hinta-laatusuhde.") for n, b in enumerate(world["bidders"])}})


def to_final_tenders(official, world, publish_tender=True):
    """Round one opened and two of three candidates kept; round two held; the final tenders' stage
    open and (unless told not to) the tender published with the stage's deadline."""
    stages = world["stages"]
    for n in range(3):
        bid(world, n)
    reduce(official, world, opened_round(official, world))
    services.close_stage(official, stages[1])
    begin(official, stages[2])
    pass_deadline(stages[2])
    services.close_stage(official, stages[2])
    begin(official, stages[3])
    if publish_tender:
        return make_tender(official, world["procurement"], deadline=stages[3].closes_at)


def final_bid(user, tender):
    return tendering.submit_bid(user, tender, {"price": Decimal("100000"), "answers": answers(tender)})


def invite(official, world, message="Lähettäkää lopulliset tarjoukset tarjouspyynnön mukaisesti."):
    return services.invite_final_tenders(official, world["stages"][3], {"message": message})


@pytest.fixture
def world(official):
    return round_world(official)


# ---- one deadline --------------------------------------------------------------------------

def test_the_tender_deadline_cannot_be_moved_away_from_the_stage_without_a_version(official, world):
    stage = world["stages"][3]
    tender = make_tender(official, world["procurement"], deadline=stage.closes_at, publish=False)
    entries = AuditEntry.objects.count()
    with pytest.raises(ServiceError) as error:
        tendering.save_tender(official, world["procurement"], {"deadline": stage.closes_at + timedelta(days=3)})
    assert error.value.status == 409 and codes(error) == {"tender_deadline_follows_procedure"}
    tender.refresh_from_db()
    assert tender.deadline == stage.closes_at and AuditEntry.objects.count() == entries


def test_a_new_published_version_moves_the_tender_deadline_with_the_stage(official):
    procurement = light_procurement(official)
    stage = selection_procedure(official, procurement)[0][2]
    tender = make_tender(official, procurement, deadline=stage.closes_at)
    later = stage.closes_at + timedelta(days=7)
    services.change_stage(official, stage, {"opens_at": stage.opens_at, "closes_at": later,
                                            "reason": "Lisäaikaa lopullisille tarjouksille."})
    tender.refresh_from_db()
    assert tender.deadline == later
    assert ProcedureVersion.objects.filter(procurement=procurement).count() == 2
    assert AuditEntry.objects.filter(action="procedures.tender_deadline_follows").exists()


def test_the_first_publication_refuses_a_stage_deadline_other_than_the_published_tenders(official):
    procurement = factories.create_procurement(official, procedure="light")
    start = timezone.now() + timedelta(days=1)
    stage = services.add_stage(official, procurement, {"kind": "tenders", "opens_at": start,
                                                       "closes_at": start + timedelta(days=20)})
    tender = make_tender(official, procurement, deadline=start + timedelta(days=25))
    with pytest.raises(ServiceError) as error:
        services.publish(official, procurement)
    assert error.value.status == 409 and codes(error) == {"tender_deadline_differs"}
    assert not ProcedureVersion.objects.filter(procurement=procurement).exists()
    tender.refresh_from_db()
    assert tender.deadline == start + timedelta(days=25)
    services.change_stage(official, stage, {"opens_at": start, "closes_at": tender.deadline})
    services.publish(official, procurement)


def test_publishing_the_procedure_sets_a_draft_tenders_deadline(official):
    procurement = factories.create_procurement(official, procedure="light")
    start = timezone.now() + timedelta(days=1)
    services.add_stage(official, procurement, {"kind": "tenders", "opens_at": start,
                                               "closes_at": start + timedelta(days=20)})
    tender = make_tender(official, procurement, deadline=start + timedelta(days=25), publish=False)
    services.publish(official, procurement)
    tender.refresh_from_db()
    assert tender.deadline == start + timedelta(days=20)


# ---- final tenders only on invitation ------------------------------------------------------

def test_a_candidate_still_in_cannot_bid_before_the_invitation_and_nothing_is_stored(official, world):
    tender = to_final_tenders(official, world)
    with pytest.raises(ServiceError) as error:
        final_bid(world["bidders"][0], tender)
    assert error.value.status == 403 and codes(error) == {"final_tenders_not_invited"}
    assert not Bid.objects.filter(tender=tender).exists()


def test_the_invitation_goes_to_every_candidate_still_in_and_only_they_bid(official, world):
    tender = to_final_tenders(official, world)
    kept, reduced = world["bidders"][:2], world["bidders"][2]
    for n, bidder in enumerate(world["bidders"]):
        bidder.email = f"tarjoaja{n}@example.org"
        bidder.save(update_fields=["email"])
    invitation = invite(official, world)
    assert set(invitation.invited.all()) == {b.organisation for b in kept}
    assert set(Message.objects.filter(cause=f"procedures.final_invitation:{invitation.pk}").values_list(
        "recipient", flat=True)) == {b.email for b in kept}
    entry = AuditEntry.objects.get(action="procedures.final_invitation")
    assert sorted(entry.after["invited"]) == sorted(b.organisation_id for b in kept)
    with pytest.raises(ServiceError):
        final_bid(reduced, tender)
    assert not Bid.objects.filter(lead=reduced.organisation).exists()
    for bidder in kept:
        assert final_bid(bidder, tender)
    # Sealed and compared by the existing opening: the deadline is the stage's.
    assert Bid.objects.filter(tender=tender).count() == 2 and tender.deadline == world["stages"][3].closes_at


def test_an_invitation_in_another_procurement_does_not_open_this_tender(official, world):
    to_final_tenders(official, world)
    invite(official, world)
    elsewhere = round_world(official, bidders=world["bidders"])
    tender = to_final_tenders(official, elsewhere)
    with pytest.raises(ServiceError) as error:
        final_bid(world["bidders"][0], tender)
    assert codes(error) == {"final_tenders_not_invited"} and not Bid.objects.filter(tender=tender).exists()


def test_the_invitation_is_issued_once_and_only_while_its_stage_is_open(official, world):
    with pytest.raises(ServiceError) as error:
        invite(official, world)
    assert error.value.status == 409 and codes(error) == {"stage_not_open"}
    to_final_tenders(official, world)
    invite(official, world)
    with pytest.raises(ServiceError) as error:
        invite(official, world, "Toinen kutsu vain osalle.")
    assert error.value.status == 409 and codes(error) == {"final_invitation_issued"}
    assert FinalTenderInvitation.objects.count() == 1


def test_only_the_accountable_official_invites(official, world):
    to_final_tenders(official, world)
    for outsider in (world["bidders"][0], factories.UserFactory(position="official")):
        with pytest.raises((PermissionDenied, ServiceError)):
            invite(outsider, world)
    assert not FinalTenderInvitation.objects.exists() and not Message.objects.exists()


def test_an_invitation_needs_the_published_tender_and_stores_nothing_without_it(official, world):
    to_final_tenders(official, world, publish_tender=False)
    with pytest.raises(ServiceError) as error:
        invite(official, world)
    assert codes(error) == {"final_invitation_tender_not_published"}
    assert not FinalTenderInvitation.objects.exists() and not Message.objects.exists()


# ---- award on the initial bids -------------------------------------------------------------

def test_award_on_initial_bids_not_reserved_is_refused_and_nothing_is_stored(official, world):
    make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    bid(world, 0)
    box = opened_round(official, world)
    entries = AuditEntry.objects.count()
    with pytest.raises(ServiceError) as error:
        services.award_on_initial_bids(official, box, {"reason": REASON})
    assert error.value.status == 409 and codes(error) == {"award_on_initial_bids_not_reserved"}
    assert not InitialBidsAward.objects.exists() and not Bid.objects.exists()
    assert not Stage.objects.filter(state="skipped").exists() and AuditEntry.objects.count() == entries


@pytest.fixture
def reserved(official):
    return round_world(official, award_on_initial_bids=True)


def test_award_on_initial_bids_feeds_them_to_the_existing_evaluation_and_award(official, reserved):
    world = reserved
    stages = world["stages"]
    tender = make_tender(official, world["procurement"], deadline=stages[3].closes_at)
    bid(world, 0, price="120000.00")
    bid(world, 1, price="90000.00")
    box = opened_round(official, world)
    decision = services.award_on_initial_bids(official, box, {"reason": REASON})
    assert [s.order for s in decision.skipped.all()] == [2, 3]
    assert set(Stage.objects.filter(procurement=world["procurement"]).values_list("order", "state")) == {
        (0, "closed"), (1, "open"), (2, "skipped"), (3, "skipped")}
    tender = Tender.objects.get(pk=tender.pk)
    assert tender.is_opened and tender.draw_commitment
    bids = {b.lead_id: b for b in tender.bids.all()}
    assert {bids[b.organisation_id].price for b in world["bidders"][:2]} == {Decimal("120000.00"), Decimal("90000.00")}
    assert all(b.sealed_content and set(b.answers) == {c.key for c in tender.criteria.all()} for b in bids.values())
    # The existing blind evaluation and award, unchanged.
    person = evaluator(official, world["procurement"])
    tendering.declare_conflict(person, tender, False)
    for made in tender.bids.all():
        for criterion in tender.criteria.all():
            tendering.record_score(person, made, criterion, Decimal(4), "Perustelu")
            tendering.settle_score(official, made, criterion)
    award = tendering.decide_award(official, tender, {"accountable_official": official, "reasons": text(REASON),
                                                      "decided_on": timezone.localdate()})
    assert award.winner.lead == world["bidders"][1].organisation
    # Nobody bids into the opened tender, nor is invited: the final tenders are not held.
    with pytest.raises(ServiceError):
        final_bid(world["bidders"][0], tender)
    with pytest.raises(ServiceError):
        invite(official, world)


def test_award_on_initial_bids_only_on_the_first_round_and_only_once(official, reserved):
    world = reserved
    make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    bid(world, 0)
    box = opened_round(official, world)
    with pytest.raises(ServiceError) as error:
        services.award_on_initial_bids(official, box, {"reason": " "})
    assert codes(error) == {"award_on_initial_bids_reason"} and not Bid.objects.exists()
    services.award_on_initial_bids(official, box, {"reason": REASON})
    with pytest.raises(ServiceError) as error:
        services.award_on_initial_bids(official, box, {"reason": REASON})
    assert error.value.status == 409 and InitialBidsAward.objects.count() == 1


def test_award_on_initial_bids_before_the_opening_is_refused(official, reserved):
    world = reserved
    make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    bid(world, 0)
    with pytest.raises(ServiceError) as error:
        services.award_on_initial_bids(official, world["round"], {"reason": REASON})
    assert codes(error) == {"round_bids_sealed"}
    assert not Bid.objects.exists() and not Stage.objects.filter(state="skipped").exists()


def test_a_failed_award_on_initial_bids_leaves_nothing_half_stored(official, reserved):
    """The tender has lots, which an initial bid cannot name: refused after the tender's deadline
    was already moved in the same transaction, so the whole decision rolls back."""
    world = reserved
    tender = make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at, publish=False)
    tendering.add_lot(official, tender, {"title": text("Pohjoinen alue")})
    tendering.publish_tender(official, tender)
    bid(world, 0)
    box = opened_round(official, world)
    with pytest.raises(ServiceError) as error:
        services.award_on_initial_bids(official, box, {"reason": REASON})
    assert codes(error) == {"award_on_initial_bids_lots"}
    tender.refresh_from_db()
    assert tender.deadline == world["stages"][3].closes_at and not tender.is_opened
    assert not Bid.objects.exists() and not InitialBidsAward.objects.exists()
    assert not Stage.objects.filter(state="skipped").exists()


def test_only_the_accountable_official_awards_on_initial_bids(official, reserved):
    world = reserved
    make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    bid(world, 0)
    box = opened_round(official, world)
    Procurement.objects.filter(pk=world["procurement"].pk).update(accountable_official=official)
    for someone in (world["other_official"], world["bidders"][0]):
        with pytest.raises((PermissionDenied, ServiceError)):
            services.award_on_initial_bids(someone, box, {"reason": REASON})
    assert not InitialBidsAward.objects.exists() and not Bid.objects.exists()


def test_the_reservation_is_frozen_in_the_published_version_and_needs_a_negotiation_round_first(client, official):
    dialogue = light_procurement(official)
    client.force_login(official)
    compose_path = f"/api/v1/procurements/{dialogue.pk}/procedure"
    start = timezone.now() + timedelta(days=1)
    for n, kind in enumerate(["participation_requests", "dialogue", "final_tenders"]):
        made = client.post(f"{compose_path}/stages", {
            "kind": kind, "opens_at": (start + timedelta(days=14 * n)).isoformat(),
            "closes_at": (start + timedelta(days=14 * (n + 1))).isoformat()}, content_type="application/json")
        assert made.status_code == 201, made.content
    assert client.put(f"{compose_path}/plan", {"award_on_initial_bids": True},
                      content_type="application/json").json()["award_on_initial_bids"] is True
    refused = client.post(f"{compose_path}/publish")
    assert refused.status_code == 422
    assert "award_on_initial_bids_without_round" in {e["code"] for e in refused.json()["errors"]}
    assert not ProcedureVersion.objects.filter(procurement=dialogue).exists()
    reserved = round_world(official, award_on_initial_bids=True)
    assert ProcedureVersion.objects.get(procurement=reserved["procurement"]).award_on_initial_bids
    published = client.get(f"/api/v1/procurements/{reserved['procurement'].pk}/procedure").json()
    assert published["award_on_initial_bids"] and published["versions"][0]["award_on_initial_bids"]
    # Frozen: the plan is not changed after publication.
    changed = client.put(f"/api/v1/procurements/{reserved['procurement'].pk}/procedure/plan",
                         {"award_on_initial_bids": False}, content_type="application/json")
    assert changed.status_code == 409
