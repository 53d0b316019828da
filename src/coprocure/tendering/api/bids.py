"""Bids and their attachments: sealed when they arrive, listed without their content, opened
by an official after the deadline and read after that by the authority's people."""

from __future__ import annotations

from ninja import File
from ninja.files import UploadedFile
from ninja.responses import Status

from coprocure.api.auth import SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility
from coprocure.domain import attachments as attachment_rules
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from .. import documents, selectors, services
from ..forms import BidForm
from ..schemas import AttachmentOut, BidContentOut, BidIn, BidOut, TenderOut
from . import router
from ._common import bid_by_pk, procurement_of, procurement_of_bid, tender_by_pk

attachment_by_pk = by_pk(selectors.visible_attachment)


@router.get("/tenders/{pk}/bids", response={200: list[BidOut], **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=tender_by_pk, of=procurement_of)
def list_bids(request, pk: int):
    """Who bid and when, for the procurement's staff (the officials who open the bids among them)."""
    return list(selectors.bids_of(target(request)))


@router.post("/tenders/{pk}/bids", response={201: BidOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.bid", load=tender_by_pk, of=procurement_of)
def submit_bid(request, pk: int, payload: BidIn):
    tender = target(request)
    data = validated(BidForm, {"price": payload.price}, tender=tender)
    lot = None
    if payload.lot is not None:
        lot = selectors.lot_in(tender, payload.lot)
        if lot is None:
            raise ServiceError.from_domain(DomainError("lot_unknown", "lot"))
    named = {member.organisation for member in payload.members}
    organisations = selectors.bidders(named)
    if len(organisations) != len(named):
        raise ServiceError.from_domain(DomainError("member_unknown", "members"))
    bid = services.submit_bid(request.user, tender, {
        "price": data["price"], "answers": payload.answers, "lot": lot,
        "members": [(organisations[member.organisation], member.role) for member in payload.members],
    })
    return Status(201, selectors.bids_of(tender).get(pk=bid.pk))


@router.post("/bids/{pk}/withdraw", response={200: BidOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.bid", load=bid_by_pk, of=procurement_of_bid)
def withdraw_bid(request, pk: int):
    bid = services.withdraw_bid(request.user, target(request))
    return selectors.bids_of(bid.tender).get(pk=pk)


@router.get("/bids/{pk}", response={200: BidContentOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=bid_by_pk, of=procurement_of_bid)
def get_bid(request, pk: int):
    """A bid's content: for the authority, and only after opening (an earlier try is audited)."""
    bid = target(request)
    if not visibility.may_show(request.user, bid, "answers"):
        raise services.refuse_sealed(request.user, bid.tender, "api:get_bid")
    return selectors.bids_of(bid.tender).get(pk=pk)


@router.post("/tenders/{pk}/open", response={200: TenderOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.open_bids", load=tender_by_pk, of=procurement_of)
def open_bids(request, pk: int):
    tender = services.open_bids(request.user, target(request))
    return selectors.tender_of(tender.procurement)


# Bid attachments: sealed like the bid, readable only after opening.

@router.post("/tenders/{pk}/bid/attachments", response={201: AttachmentOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.bid", load=tender_by_pk, of=procurement_of)
def add_attachment(request, pk: int, file: UploadedFile = File(...)):
    """A PDF, DOCX, XLSX, ODT, PNG or JPEG file (recognised by content, at most 10 MB) sealed to
    the caller's organisation's bid until opening."""
    data = file.read(attachment_rules.MAX_BYTES + 1)
    return Status(201, services.add_attachment(request.user, target(request), file.name or "", data))


@router.delete("/attachments/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.bid", load=attachment_by_pk, of=lambda attachment: attachment.bid.tender.procurement)
def remove_attachment(request, pk: int):
    services.remove_attachment(request.user, target(request))
    return Status(204, None)


@router.get("/attachments/{pk}", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=attachment_by_pk)
def download_attachment(request, pk: int):
    """The file after opening, for the authority's people and cleared evaluators (409 ``bids_sealed``, audited, before).

    Who may read it is ``services.readable_attachment``'s rule, kept with the sealing it guards
    so that a try before opening is audited whoever makes it."""
    return documents.attachment_response(services.readable_attachment(request.user, target(request)))
