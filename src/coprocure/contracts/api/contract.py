"""The contract, its parties, documents and amendments, and the contract made from an award."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core.selectors import visible_procurement
from coprocure.tendering import selectors as tendering_selectors

from .. import award, selectors, services
from ..forms import AmendmentForm, ContractForm, DocumentForm, PartyForm
from ..schemas import (
    AmendmentIn, AmendmentOut, ContractIn, ContractOut, CreatedOut, DocumentIn, DocumentOut, PartyIn, PartyOut,
)
from . import router
from ._common import contract_by_pk, procurement_of


@router.post("/procurements/{pk}/contracts", response={201: ContractOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=by_pk(visible_procurement))
def create_contract(request, pk: int, payload: ContractIn):
    contract = services.create_contract(request.user, target(request), validated(ContractForm, payload.dict()))
    return Status(201, selectors.contract_page(contract.pk))


@router.get("/contracts/{pk}", response={200: ContractOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=contract_by_pk)
def get_contract(request, pk: int):
    return target(request)


@router.post("/contracts/{pk}/parties", response={201: PartyOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=contract_by_pk, of=procurement_of)
def add_party(request, pk: int, payload: PartyIn):
    return Status(201, services.add_party(request.user, target(request), validated(PartyForm, payload.dict())))


@router.post("/contracts/{pk}/documents", response={201: DocumentOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=contract_by_pk, of=procurement_of)
def add_document(request, pk: int, payload: DocumentIn):
    return Status(201, services.add_document(request.user, target(request), validated(DocumentForm, payload.dict())))


@router.post("/contracts/{pk}/amendments", response={201: AmendmentOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=contract_by_pk, of=procurement_of)
def amend_contract(request, pk: int, payload: AmendmentIn):
    contract = target(request)
    data = validated(AmendmentForm, payload.dict(), contract=contract)
    return Status(201, services.amend_contract(request.user, contract, data))


@router.post("/tenders/{pk}/contract", response={201: CreatedOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=by_pk(tendering_selectors.visible_tender), of=lambda tender: tender.procurement)
def conclude_award(request, pk: int, payload: ContractIn):
    """After the standstill, the contract with the winner (``description`` and ``options`` optional).
    The procurement moves to the contract phase; 409 during the standstill or while a complaint waits."""
    decision = tendering_selectors.published_award(target(request))
    data = validated(ContractForm, payload.dict())
    return Status(201, {"id": award.conclude_award(request.user, decision, data).pk})
