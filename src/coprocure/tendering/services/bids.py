"""Bids and their attachments: sealed when submitted, replaced or withdrawn until the deadline,
unsealed together at the official's audited opening, and read after it only by the people
who may.

Audit entries never contain a bid's price or answers before opening; refused attempts on
sealed content are audited in a transaction of their own, so the refusal is kept even though
the attempted change is not.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core import visibility
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import attachments as attachment_rules
from coprocure.domain import tendering as rules
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.partners import selectors as partner_selectors
from coprocure.permissions.candidates import has_final_tenders_stage, is_invited_to_final_tenders
from coprocure.permissions.tendering import is_provider

from .. import sealing
from ..models import Bid, BidAttachment, BidMember, Tender
from ._common import fail, locked_tender, refuse_sealed, refused
from .scoring import require_cleared_evaluator


def _bid_window(tender: Tender) -> None:
    try:
        rules.check_can_bid(timezone.now(), tender.deadline, tender.is_published)
    except DomainError as error:
        raise refused(error, status=409) from None


def _require_invited(actor: User, procurement) -> None:
    """Where the procedure ends in final tenders a provider bids only after the invitation to submit
    them (the permission says so too; this names why)."""
    if is_provider(actor) and has_final_tenders_stage(actor, procurement) and not is_invited_to_final_tenders(
            actor, procurement):
        raise fail("final_tenders_not_invited", status=403)


def _bid_snapshot(bid: Bid) -> dict:
    # Who bids is public to the authority before opening; what they offer is not, so it is
    # never part of an audit entry.
    return {"lead": bid.lead_id, "lot": bid.lot_id,
            "members": sorted((m.organisation_id, m.role) for m in bid.members.all()), "submitted_at": bid.submitted_at}


@transaction.atomic
def submit_bid(actor: User, tender: Tender, data: dict) -> Bid:
    """Seal and store the actor's organisation's bid; a second submission replaces the first.

    ``data``: ``price`` (Decimal), ``answers`` ({criterion key: text}), ``members``
    ([(Organisation, role)], each of which must have accepted the lead's consortium invitation for
    this procurement) and, when the tender has lots, ``lot`` (a Lot of this tender; an
    organisation has one bid per lot). Nothing of the content is stored unsealed.
    """
    tender = locked_tender(tender)
    _require_invited(actor, tender.procurement)
    require(actor, "tendering.bid", tender.procurement)
    _bid_window(tender)
    problems = []
    try:
        rules.check_price(data.get("price"))
    except DomainError as error:
        problems.append(error)
    criteria = list(tender.criteria.all())
    answers = {key: (text or "").strip() for key, text in (data.get("answers") or {}).items()}
    for criterion in criteria:
        if not answers.get(criterion.key):
            problems.append(DomainError("answer_required", criterion.key))
    members = list(data.get("members") or [])
    if members and not tender.consortia_allowed:
        problems.append(DomainError("consortia_not_allowed", "members"))
    organisations = [organisation.pk for organisation, _role in members]
    if actor.organisation_id in organisations or len(set(organisations)) != len(organisations):
        problems.append(DomainError("member_duplicate", "members"))
    if any(not role.strip() for _organisation, role in members):
        problems.append(DomainError("member_role_required", "members"))
    # No one is made a consortium member without consent: each member's own representative must
    # have accepted the lead's invitation for this procurement (partners' consortium invitations).
    confirmed = partner_selectors.consenting_members(tender.procurement, actor.organisation_id) if members else set()
    unconfirmed = sorted(organisation.name for organisation, _role in members if organisation.pk not in confirmed)
    if unconfirmed:
        problems.append(DomainError("member_unconfirmed", "members", {"members": ", ".join(unconfirmed)}))
    lot = data.get("lot")
    lots = set(tender.lots.values_list("pk", flat=True))
    if lots and lot is None:
        problems.append(DomainError("lot_required", "lot"))
    elif lot is not None and lot.pk not in lots:
        problems.append(DomainError("lot_unknown", "lot"))
    if problems:
        errors: dict = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(refused(problem).errors[problem.field][0])
        raise ServiceError(errors)
    content = {"price": str(data["price"]), "answers": {c.key: answers[c.key] for c in criteria}}
    bid = tender.bids.filter(lead=actor.organisation, lot=lot, withdrawn_at__isnull=True).first()
    now = timezone.now()
    before = None
    if bid is None:
        bid = Bid.objects.create(tender=tender, lead=actor.organisation, lot=lot, submitted_by=actor, submitted_at=now,
                                 sealed_content=b"")
    else:
        before = _bid_snapshot(bid)
        bid.members.all().delete()
    bid.sealed_content = sealing.seal(bytes(tender.public_key), tender.pk, bid.pk, content)
    bid.submitted_by, bid.submitted_at = actor, now
    bid.save(update_fields=["sealed_content", "submitted_by", "submitted_at"])
    BidMember.objects.bulk_create([BidMember(bid=bid, organisation=o, role=r.strip()) for o, r in members])
    audit.record(actor, "tendering.bid_submit" if before is None else "tendering.bid_replace", bid, before,
                 _bid_snapshot(bid))
    return bid


@transaction.atomic
def withdraw_bid(actor: User, bid: Bid) -> Bid:
    bid = Bid.objects.select_for_update().select_related("tender__procurement").get(pk=bid.pk)
    require(actor, "tendering.bid", bid.tender.procurement)
    if bid.lead_id != actor.organisation_id:
        raise fail("not_your_bid", status=403)
    if bid.is_withdrawn:
        raise fail("bid_withdrawn", status=409)
    _bid_window(bid.tender)
    bid.withdrawn_at = timezone.now()
    bid.save(update_fields=["withdrawn_at"])
    audit.record(actor, "tendering.bid_withdraw", bid, None, {"withdrawn_at": bid.withdrawn_at})
    return bid


@transaction.atomic
def add_attachment(actor: User, tender: Tender, name: str, data: bytes) -> BidAttachment:
    """Seal a file to the actor's organisation's bid. Its name, kind and bytes are stored only
    sealed; the audit entry says only that a file was added."""
    tender = locked_tender(tender)
    require(actor, "tendering.bid", tender.procurement)
    _bid_window(tender)
    bid = tender.bids.filter(lead=actor.organisation_id, withdrawn_at__isnull=True).first()
    if bid is None:
        raise fail("attachment_without_bid", status=409)
    try:
        attachment_rules.check_count(bid.attachments.count())
        checked = attachment_rules.check(name, data)
    except DomainError as error:
        raise refused(error) from None
    attachment = BidAttachment.objects.create(bid=bid, sealed_content=b"")
    attachment.sealed_content = sealing.seal_attachment(bytes(tender.public_key), tender.pk, bid.pk, attachment.pk,
                                                        checked.name, checked.kind, data)
    attachment.save(update_fields=["sealed_content"])
    audit.record(actor, "tendering.attachment_add", attachment, None, {"bid": bid.pk})
    return attachment


@transaction.atomic
def remove_attachment(actor: User, attachment: BidAttachment) -> None:
    attachment = BidAttachment.objects.select_for_update(of=("self",)).select_related("bid__tender__procurement").get(
        pk=attachment.pk)
    bid = attachment.bid
    require(actor, "tendering.bid", bid.tender.procurement)
    if bid.lead_id != actor.organisation_id:
        raise fail("not_your_bid", status=403)
    _bid_window(bid.tender)
    audit.record(actor, "tendering.attachment_remove", attachment, {"bid": bid.pk}, None)
    attachment.delete()


def readable_attachment(actor: User, attachment: BidAttachment) -> BidAttachment:
    """An opened attachment for the procurement's officials and staff and cleared evaluators;
    before opening the attempt is refused and audited."""
    tender = attachment.bid.tender
    procurement = tender.procurement
    if not (actor.has_perm("tendering.manage", procurement) or actor.has_perm("tendering.evaluate", procurement)):
        raise fail("attachment_not_allowed", status=403)
    evaluator = actor.has_perm("tendering.evaluate", procurement)
    if not visibility.may_show(actor, attachment, "content", viewer_is_evaluator=evaluator) or attachment.content is None:
        raise refuse_sealed(actor, tender, "attachment")
    if not actor.has_perm("tendering.manage", procurement):
        require_cleared_evaluator(actor, tender)
    return attachment


def open_bids(actor: User, tender: Tender) -> Tender:
    """Opening the bids takes two officials of the contracting authority, as tenders are opened
    with two people present: the first official's call asks for the opening after the deadline,
    a second, different official's call confirms it and only then are the bids unsealed. Both
    steps are audited; one official alone cannot open."""
    require(actor, "tendering.open_bids", tender.procurement)
    if not tender.is_published:
        raise fail("tender_not_published", status=409)
    try:
        rules.check_can_open(timezone.now(), tender.deadline, tender.is_opened)
    except DomainError as error:
        if error.code == "opening_before_deadline":
            raise refuse_sealed(actor, tender, "open_bids") from None
        raise refused(error, status=409) from None
    if actor.organisation_id != tender.procurement.authority_id:
        raise fail("opening_not_of_authority", status=403)
    return _request_or_open(actor, tender)


@transaction.atomic
def _request_or_open(actor: User, tender: Tender) -> Tender:
    tender = locked_tender(tender)
    if tender.is_opened:
        raise fail("bids_already_opened", status=409)
    if tender.opening_requested_by_id is None:
        tender.opening_requested_by, tender.opening_requested_at = actor, timezone.now()
        tender.save(update_fields=["opening_requested_by", "opening_requested_at", "updated_at"])
        audit.record(actor, "tendering.bids_open_request", tender, None,
                     {"requested_by": actor.pk, "requested_at": tender.opening_requested_at})
        return tender
    if tender.opening_requested_by_id == actor.pk:
        raise fail("opening_same_official", status=409)
    return _open(actor, tender)


def adopt_opened_bids(actor: User, tender: Tender, offers: list[dict], requested_by: User) -> Tender:
    """The initial bids of a round, already opened by two officials, become this tender's bids when
    the accountable official awards on them (procedures): each is sealed with the tender's key as
    any bid is and unsealed at once, the round's opening standing for the two officials' opening.
    ``offers``: ``lead``, ``submitted_by``, ``submitted_at``, ``price`` and ``offer`` (the one text
    of an initial bid, which answers every quality criterion). The caller holds the tender's lock."""
    if not tender.is_published:
        raise fail("tender_not_published", status=409)
    if tender.is_opened or tender.bids.filter(withdrawn_at__isnull=True).exists():
        raise fail("award_on_initial_bids_tender_has_bids", status=409)
    if tender.lots.exists():
        raise fail("award_on_initial_bids_lots", status=409)
    keys = [criterion.key for criterion in tender.criteria.all()]
    for offer in offers:
        bid = Bid.objects.create(tender=tender, lead=offer["lead"], submitted_by=offer["submitted_by"],
                                 submitted_at=offer["submitted_at"], sealed_content=b"")
        bid.sealed_content = sealing.seal(bytes(tender.public_key), tender.pk, bid.pk, {
            "price": str(offer["price"]), "answers": {key: offer["offer"] for key in keys}})
        bid.save(update_fields=["sealed_content"])
        audit.record(actor, "tendering.bid_adopted", bid, None, _bid_snapshot(bid))
    tender.opening_requested_by, tender.opening_requested_at = requested_by, timezone.now()
    tender.save(update_fields=["opening_requested_by", "opening_requested_at", "updated_at"])
    return _open(actor, tender)


def _open(actor: User, tender: Tender) -> Tender:
    private_key = sealing.unwrap(tender.wrapped_private_key)
    opened = []
    for bid in tender.bids.filter(withdrawn_at__isnull=True):
        content = sealing.unseal(private_key, tender.pk, bid.pk, bid.sealed_content)
        bid.price, bid.answers = Decimal(content["price"]), content["answers"]
        bid.save(update_fields=["price", "answers"])
        for attachment in bid.attachments.all():
            attachment.name, attachment.kind, attachment.content = sealing.unseal_attachment(
                private_key, tender.pk, bid.pk, attachment.pk, attachment.sealed_content)
            attachment.save(update_fields=["name", "kind", "content"])
        opened.append(bid.pk)
    tender.opened_at, tender.opened_by = timezone.now(), actor
    # The draw's seed is fixed now, when nobody knows yet whether any bids will tie: its
    # commitment is shown from here on, the seed itself only with the award decision.
    tender.draw_commitment, tender.wrapped_draw_seed = sealing.new_draw_seed()
    tender.save(update_fields=["opened_at", "opened_by", "draw_commitment", "wrapped_draw_seed", "updated_at"])
    audit.record(actor, "tendering.bids_open", tender, None, {
        "bids": opened, "opened_at": tender.opened_at, "requested_by": tender.opening_requested_by_id,
        "confirmed_by": actor.pk, "draw_commitment": tender.draw_commitment})
    return tender
