"""No one is made a consortium member without consent (issue 17 item 9): a consortium bid names
members only after each member's representative has accepted the lead's invitation; until then
the bid is refused with a translated message naming the unconfirmed members, and nothing is stored."""

import json
from decimal import Decimal

import pytest

from coprocure.errors import ServiceError
from coprocure.partners import services as partners
from coprocure.tendering import services
from coprocure.tendering.models import Bid

from .. import factories
from ..factories import ProviderFactory, text
from .conftest import answers, consent, provider


def test_a_bid_naming_an_unconfirmed_member_is_refused_everywhere(client, procurement, tender):
    lead = provider("Kulma Oy")
    willing, unasked = ProviderFactory(name="Vertaisvoima ry"), ProviderFactory(name="Kohtaamo ry")
    consent(lead, procurement, [(willing, "vertaistuki")])
    with pytest.raises(ServiceError) as refused:
        services.submit_bid(lead, tender, {"price": Decimal("5"), "answers": answers(tender),
                                           "members": [(willing, "vertaistuki"), (unasked, "asuminen")]})
    code, message = refused.value.errors["members"][0]
    assert code == "member_unconfirmed" and "Kohtaamo ry" in message and "Vertaisvoima ry" not in message
    assert not Bid.objects.exists()

    client.force_login(lead)
    response = client.post(f"/api/v1/tenders/{tender.pk}/bids", json.dumps({
        "price": "5", "answers": answers(tender), "members": [{"organisation": unasked.pk, "role": "asuminen"}]}),
        content_type="application/json")
    body = response.json()
    assert response.status_code == 422 and body["errors"][0]["code"] == "member_unconfirmed"
    assert "Kohtaamo ry" in body["errors"][0]["message"] and "vahvistaneet" in body["errors"][0]["message"]
    page = client.post(f"/tenders/{tender.pk}/bid/", {"price": "5", "member_1": unasked.pk, "member_1_role": "asuminen",
                                                       **answers(tender)})
    assert page.status_code == 422 and "Kohtaamo ry" in page.content.decode()
    assert not Bid.objects.exists()


def test_an_invitation_not_yet_accepted_is_not_consent(procurement, tender):
    lead = provider("Kulma Oy")
    member = ProviderFactory(name="Vertaisvoima ry")
    interest = partners.express_interest(lead, procurement, {"can_provide": text("A"), "looking_for": text("B")})
    partners.invite_partner(lead, interest, member.business_id, "vertaistuki")
    data = {"price": Decimal("5"), "answers": answers(tender), "members": [(member, "vertaistuki")]}
    with pytest.raises(ServiceError):
        services.submit_bid(lead, tender, data)
    partners.accept_invitation(factories.UserFactory(organisation=member, position="representative"), interest)
    bid = services.submit_bid(lead, tender, data)
    assert [m.organisation_id for m in bid.members.all()] == [member.pk]


def test_consent_given_to_another_lead_does_not_count(procurement, tender):
    member = ProviderFactory(name="Vertaisvoima ry")
    consent(provider("Toipumo sr"), procurement, [(member, "vertaistuki")])
    with pytest.raises(ServiceError) as refused:
        services.submit_bid(provider("Kulma Oy"), tender, {"price": Decimal("5"), "answers": answers(tender),
                                                           "members": [(member, "vertaistuki")]})
    assert refused.value.errors["members"][0][0] == "member_unconfirmed"
