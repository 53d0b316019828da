"""Competence networks: their members and joint offers."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import MemberForm, NetworkForm, OfferForm
from ..schemas import MemberIn, NetworkIn, NetworkOut, OfferIn
from . import router
from ._common import network_by_pk


@router.get("/networks", response={200: list[NetworkOut], **ERRORS}, auth=ANYONE)
def list_networks(request):
    return list(selectors.networks_with_offers())


@router.get("/networks/{pk}", response={200: NetworkOut, **ERRORS}, auth=ANYONE)
def get_network(request, pk: int):
    return selectors.network_page(pk)


@router.post("/networks", response={201: NetworkOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.create_network")
def create_network(request, payload: NetworkIn):
    network = services.create_network(request.user, validated(NetworkForm, payload.dict()))
    return Status(201, selectors.network_page(network.pk))


@router.post("/networks/{pk}/members", response={201: NetworkOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_network", load=network_by_pk)
def add_network_member(request, pk: int, payload: MemberIn):
    services.add_member(request.user, target(request), validated(MemberForm, payload.dict())["business_id"])
    return Status(201, selectors.network_page(pk))


@router.post("/networks/{pk}/offers", response={201: NetworkOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_network", load=network_by_pk)
def publish_offer(request, pk: int, payload: OfferIn):
    network = target(request)
    services.publish_offer(request.user, network, validated(OfferForm, payload.dict(), network=network))
    return Status(201, selectors.network_page(pk))
