"""Consortia: expressions of interest in a procurement, partners invited into them, and forming one."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import InterestForm, PartnerInviteForm
from ..schemas import InterestIn, InterestOut, PartnerInviteIn
from . import router
from ._common import interest_by_pk, procurement_by_pk


@router.get("/procurements/{pk}/interests", response={200: list[InterestOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=procurement_by_pk)
def list_interests(request, pk: int):
    return list(selectors.interests_of(target(request)))


@router.post("/procurements/{pk}/interests", response={201: InterestOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.express_interest", load=procurement_by_pk)
def express_interest(request, pk: int, payload: InterestIn):
    """Publish the caller's organisation's expression of interest; it leads any consortium that follows."""
    interest = services.express_interest(request.user, target(request), validated(InterestForm, payload.dict()))
    return Status(201, selectors.interest_page(request.user, interest.pk))


@router.get("/interests/{pk}", response={200: InterestOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=interest_by_pk)
def get_interest(request, pk: int):
    return target(request)


@router.post("/interests/{pk}/invitations", response={201: InterestOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.lead_consortium", load=interest_by_pk)
def invite_partner(request, pk: int, payload: PartnerInviteIn):
    data = validated(PartnerInviteForm, payload.dict())
    services.invite_partner(request.user, target(request), data["business_id"], data["role"])
    return Status(201, selectors.interest_page(request.user, pk))


# Whoever may see the interest may try: the service answers 409 unless the caller's
# organisation has an open invitation.
@router.post("/interests/{pk}/accept", response={200: InterestOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=interest_by_pk)
def accept_invitation(request, pk: int):
    """The caller's organisation accepts its invitation (409 when it has none open)."""
    services.accept_invitation(request.user, target(request))
    return selectors.interest_page(request.user, pk)


@router.post("/interests/{pk}/form", response={200: InterestOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.lead_consortium", load=interest_by_pk)
def form_consortium(request, pk: int):
    services.form_consortium(request.user, target(request))
    return selectors.interest_page(request.user, pk)
