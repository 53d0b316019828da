"""Opening the bids takes two officials of the contracting authority (issue 17 item 6): one
asks after the deadline, a second, different one confirms; both steps are audited."""

from decimal import Decimal

import pytest

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.tendering import services
from coprocure.tendering.models import Bid, Tender

from .. import factories
from .conftest import answers, pass_deadline, provider, second_official


@pytest.fixture
def due(official, tender):
    services.submit_bid(provider(), tender, {"price": Decimal("5"), "answers": answers(tender)})
    pass_deadline(tender)
    return tender


def test_one_official_alone_cannot_open_the_bids(official, due):
    services.open_bids(official, due)
    assert not Tender.objects.get(pk=due.pk).is_opened and Bid.objects.get().price is None
    with pytest.raises(ServiceError) as refused:
        services.open_bids(official, due)
    assert refused.value.status == 409 and "opening_same_official" in str(refused.value.errors)
    assert not Tender.objects.get(pk=due.pk).is_opened


def test_a_second_official_confirms_and_both_steps_are_audited(official, procurement, due):
    services.open_bids(official, due)
    other = second_official(official, procurement)
    services.open_bids(other, due)
    tender = Tender.objects.get(pk=due.pk)
    assert tender.is_opened and tender.opened_by == other and tender.opening_requested_by == official
    assert Bid.objects.get().price == Decimal("5")
    request = AuditEntry.objects.get(action="tendering.bids_open_request")
    opening = AuditEntry.objects.get(action="tendering.bids_open")
    assert request.after["requested_by"] == official.pk
    assert opening.after["requested_by"] == official.pk and opening.after["confirmed_by"] == other.pk


def test_an_official_of_another_organisation_cannot_take_part(official, procurement, due):
    services.open_bids(official, due)
    outsider = factories.UserFactory(position="official")  # of another organisation: it cannot hold the role
    with pytest.raises(ServiceError) as refused:
        core.assign_role(official, procurement, outsider, "official")
    assert "role_requires_authority" in str(refused.value.errors)
    with pytest.raises(Exception):
        services.open_bids(outsider, due)
    assert not Tender.objects.get(pk=due.pk).is_opened


def test_the_page_asks_then_confirms(client, official, procurement, due):
    client.force_login(official)
    asked = client.post(f"/tenders/{due.pk}/open/")
    assert asked.status_code == 302 and not Tender.objects.get(pk=due.pk).is_opened
    page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert f'action="/tenders/{due.pk}/open/"' not in page  # the asker cannot confirm
    client.force_login(second_official(official, procurement))
    page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert f'action="/tenders/{due.pk}/open/"' in page
    assert client.post(f"/tenders/{due.pk}/open/").status_code == 302
    assert Tender.objects.get(pk=due.pk).is_opened
