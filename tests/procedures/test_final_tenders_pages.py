"""The end of the competition on the pages and the API, as an adversary would try it: an invitation
naming one recipient, an official of another procurement inviting or deciding, a candidate's
final bid through the API before the invitation; and what each reader sees once it is published."""

import pytest
from django.utils import timezone

from coprocure.core.models import Procurement
from coprocure.outbox.models import Message
from coprocure.procedures.models_final import FinalTenderInvitation, InitialBidsAward
from coprocure.tendering.models import Bid

from .. import factories
from ..tendering.conftest import make_tender
from .rounds import bid, opened_round, round_world
from .test_final_tenders import REASON, to_final_tenders


@pytest.fixture
def world(official):
    world = round_world(official)
    Procurement.objects.filter(pk=world["procurement"].pk).update(accountable_official=official)
    return world


def post(client, user, path, body):
    client.force_login(user)
    return client.post(path, body, content_type="application/json")


def test_an_api_invitation_naming_a_recipient_is_refused_and_nothing_is_stored_or_queued(client, official, world):
    to_final_tenders(official, world)
    stage = world["stages"][3]
    refused = post(client, official, f"/api/v1/stages/{stage.pk}/final-invitation",
                   {"message": "Vain teille.", "organisation": world["bidders"][0].organisation_id})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "final_invitation_to_all"
    assert not FinalTenderInvitation.objects.exists() and not Message.objects.exists()
    made = post(client, official, f"/api/v1/stages/{stage.pk}/final-invitation", {"message": "Tervetuloa."})
    assert made.status_code == 201, made.content
    assert made.json()["invited_count"] == 2


def test_an_official_of_another_procurement_cannot_invite_nor_award_here(client, official, world):
    to_final_tenders(official, world)
    other_official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    factories.create_procurement(other_official, procedure="light")
    stage, box = world["stages"][3], world["round"]
    invited = post(client, other_official, f"/api/v1/stages/{stage.pk}/final-invitation", {"message": "Kutsu."})
    awarded = post(client, other_official, f"/api/v1/stages/{box.stage_id}/round/award-on-initial-bids",
                   {"reason": REASON})
    assert invited.status_code == 403 and awarded.status_code == 403
    page = client.post(f"/stages/{stage.pk}/final-invitation/", {"message": "Kutsu."})
    assert page.status_code == 403
    assert not FinalTenderInvitation.objects.exists() and not InitialBidsAward.objects.exists()


def test_a_candidate_bidding_through_the_api_before_the_invitation_gets_403_and_nothing_is_stored(
        client, official, world):
    tender = to_final_tenders(official, world)
    candidate = world["bidders"][0]
    response = post(client, candidate, f"/api/v1/tenders/{tender.pk}/bids",
                    {"price": "100000", "answers": {c.key: "Vastaus" for c in tender.criteria.all()}})
    # The API's permission bridge refuses before the service (which names why: test_final_tenders.py).
    assert response.status_code == 403 and response.json()["detail"]
    assert not Bid.objects.exists()


def test_the_published_invitation_shows_names_to_candidates_and_a_count_to_the_public(client, official, world):
    to_final_tenders(official, world)
    procurement = world["procurement"]
    client.force_login(official)
    form = client.get(f"/procurements/{procurement.pk}/procedure/")
    assert b"final-invitation/" in form.content
    sent = client.post(f"/stages/{world['stages'][3].pk}/final-invitation/",
                       {"message": "Lähettäkää lopulliset tarjoukset."})
    assert sent.status_code == 302
    names = [b.organisation.name for b in world["bidders"][:2]]
    client.force_login(world["bidders"][0])
    shown = client.get(f"/procurements/{procurement.pk}/procedure/").content.decode()
    assert "Lähettäkää lopulliset tarjoukset." in shown and all(name in shown for name in names)
    client.logout()
    public = client.get(f"/procurements/{procurement.pk}/procedure/").content.decode()
    assert "Lähettäkää lopulliset tarjoukset." in public and not any(name in public for name in names)
    assert client.get(f"/api/v1/stages/{world['stages'][3].pk}/final-invitation").json()["invited"] is None
    # Sent once: the page's form is gone and a second try is refused.
    client.force_login(official)
    again = client.post(f"/stages/{world['stages'][3].pk}/final-invitation/", {"message": "Uudestaan."})
    assert again.status_code == 409 and FinalTenderInvitation.objects.count() == 1


def test_the_round_page_offers_the_reserved_award_to_the_official_and_publishes_it(client, official):
    world = round_world(official, award_on_initial_bids=True)
    make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    bid(world, 0)
    box = opened_round(official, world)
    client.force_login(world["bidders"][0])
    assert b"award-on-initial-bids/" not in client.get(f"/stages/{box.stage_id}/round/").content
    client.force_login(official)
    assert b"award-on-initial-bids/" in client.get(f"/stages/{box.stage_id}/round/").content
    empty = client.post(f"/stages/{box.stage_id}/round/award-on-initial-bids/", {"reason": ""})
    assert empty.status_code == 422 and not InitialBidsAward.objects.exists()
    done = client.post(f"/stages/{box.stage_id}/round/award-on-initial-bids/", {"reason": REASON})
    assert done.status_code == 302
    client.logout()
    page = client.get(f"/stages/{box.stage_id}/round/").content.decode()
    assert REASON in page
    published = client.get(f"/api/v1/stages/{box.stage_id}/round/award-on-initial-bids").json()
    assert published["skipped_stages"] == [3, 4] and published["published_at"] <= timezone.now().isoformat()
