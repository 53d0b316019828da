"""A procurement's eForms notice as plain data (``eforms.data.Notice``), and the list of what is
still missing for a notice kind, read from objects fetched by ``selectors.with_notice_data``.

Identifiers are shared with the OCDS release (docs/notices.md, "One truth"): the lot keys, the
award criteria in the same order with the same weights, and every member of a winning consortium.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils import translation as django_translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Procedure, Procurement
from coprocure.domain import translation
from coprocure.domain.errors import DomainError
from coprocure.domain.notice_kinds import NoticeKind, check_kind

from . import consultation
from .eforms import data
from .reference import review_body
from .models import ModificationDetails, OrganisationSize
from .selectors import details_of

LANGUAGES = {"fi": "FIN", "sv": "SWE", "en": "ENG"}
# CoProcure's procedures → eForms procurement-procedure-type; the light procedure is the
# buyer's own one (oth-single).
PROCEDURES = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "restricted",
    Procedure.NEGOTIATED: "neg-w-call",
    Procedure.COMPETITIVE_DIALOGUE: "comp-dial",
    Procedure.INNOVATION_PARTNERSHIP: "innovation",
    Procedure.LIGHT: "oth-single",
}
# Below the EU thresholds the authority designs its own procedure (1397/2016 section 101), so a
# national notice says open or the buyer's own procedure, never a directive's two-stage one.
NATIONAL_KINDS = {NoticeKind.CONTRACT_NOTICE_NATIONAL, NoticeKind.AWARD_NOTICE_NATIONAL}
AWARD_KINDS = {NoticeKind.AWARD_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_NATIONAL}
COMPETITION_KINDS = {NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.CONTRACT_NOTICE_NATIONAL}
PLANNING_KINDS = {NoticeKind.PRE_MARKET_CONSULTATION, NoticeKind.PRIOR_INFORMATION}
# Kinds whose notice repeats the award's result: the award notices and the modification notice.
RESULT_KINDS = AWARD_KINDS | {NoticeKind.MODIFICATION}
# The notices that state the buyer's legal type (BT-11); a modification notice (38) must not.
LEGAL_TYPE_KINDS = {NoticeKind.CONTRACT_NOTICE_LIGHT, NoticeKind.AWARD_NOTICE_LIGHT}
SIZE_STATISTICS = {"micro": "t-micro", "small": "t-small", "medium": "t-med", "large": "t-large"}
SINGLE_LOT = "1"  # as in the OCDS release: a tender without lots is one lot with key "1"


@dataclass(frozen=True)
class Missing:
    field: str
    label: str


def folder_id(procurement: Procurement) -> str:
    """BT-04, the same for every notice of the procurement: derived from its OCID, in the shape
    of a random (version 4) UUID, the only shape eForms accepts."""
    ocid = f"{settings.COPROCURE_OCID_PREFIX}-{procurement.reference}"
    return str(uuid.UUID(bytes=hashlib.sha256(ocid.encode()).digest()[:16], version=4))


def _tender(procurement):
    tender = getattr(procurement, "tender", None)
    return tender if tender is not None and tender.is_published else None


def _award(tender):
    award = getattr(tender, "award", None) if tender is not None else None
    return award if award is not None and award.published_at is not None else None


def winning_bids(tender) -> list:
    award = _award(tender)
    if award is None:
        return []
    winning = {int(pk) for pk in award.lot_winners.values()} or {award.winner_id}
    return [bid for bid in tender.bids.all() if bid.pk in winning]


def winners(tender) -> list:
    """Every organisation of every winning bid: the lead, then the consortium's members."""
    return [organisation for bid in winning_bids(tender)
            for organisation in [bid.lead, *(member.organisation for member in bid.members.all())]]


def size_of(organisation) -> str:
    try:
        return organisation.notice_size.size
    except OrganisationSize.DoesNotExist:
        return ""


def missing(procurement: Procurement, kind: NoticeKind, amendment=None) -> list[Missing]:
    """What the notice kind needs that the procurement does not have yet, field by field (for
    a modification notice, also what its amendment needs)."""
    details = details_of(procurement)
    gaps = []
    if procurement.estimated_value is None:
        gaps.append(Missing("estimated_value", _("estimated value (EUR)")))
    if not details.cpv:
        gaps.append(Missing("cpv", _("main CPV code")))
    if not details.nuts:
        gaps.append(Missing("nuts", _("region (NUTS 3)")))
    if not procurement.authority.business_id:
        gaps.append(Missing("buyer_business_id", _("business ID of the contracting authority")))
    if not (details.buyer_city or procurement.authority.municipality):
        gaps.append(Missing("buyer_city", _("buyer's town")))
    if not details.buyer_email:
        gaps.append(Missing("buyer_email", _("buyer's e-mail address for notices")))
    if kind in LEGAL_TYPE_KINDS | {NoticeKind.MODIFICATION} and not details.buyer_phone:  # BT-503
        gaps.append(Missing("buyer_phone", _("buyer's telephone for notices")))
    if kind in LEGAL_TYPE_KINDS and not procurement.authority.legal_type:
        gaps.append(Missing("buyer_legal_type", _("legal type of the contracting authority")))
    if kind is NoticeKind.PRE_MARKET_CONSULTATION and consultation.answer_deadline(procurement) is None:
        gaps.append(Missing("market_dialogue", _("the published procedure's market dialogue stage")
                            if consultation.dialogue_stage(procurement) else _("a market dialogue with its date")))
    tender = _tender(procurement)
    if kind in COMPETITION_KINDS | RESULT_KINDS and tender is None:
        gaps.append(Missing("tender", _("a published invitation to tender")))
    if kind is NoticeKind.MODIFICATION:
        gaps += _modification_gaps(procurement, amendment)
    if kind in RESULT_KINDS and tender is not None:
        if _award(tender) is None:
            gaps.append(Missing("award", _("a published award decision")))
        for organisation in winners(tender):
            if not organisation.business_id:
                gaps.append(Missing("winner_business_id", _("business ID of every winning tenderer")))
        gaps += _tenderer_gaps(tender, kind)
    return list(dict.fromkeys(gaps))


def bidders(tender) -> list:
    """Every organisation of every bid, once: the lead, then the consortium's members."""
    found = {}
    for bid in tender.bids.all():
        for organisation in [bid.lead, *(member.organisation for member in bid.members.all())]:
            found.setdefault(organisation.pk, organisation)
    return list(found.values())


def _tenderer_gaps(tender, kind: NoticeKind) -> list[Missing]:
    """An EU award or modification notice gives every tenderer's postcode and region (BT-512,
    BT-507); an award notice counts the tenders by size (BT-760), so it needs every bidder's
    size, and 33 also states each winner's (BT-165)."""
    named = bidders(tender) if kind in AWARD_KINDS else winners(tender)
    gaps = []
    for organisation in named:
        if kind in (NoticeKind.AWARD_NOTICE_LIGHT, NoticeKind.MODIFICATION):
            if not organisation.postcode:
                gaps.append(Missing("tenderer_postcode", _("postcode of every tenderer")))
            if not organisation.nuts_region:
                gaps.append(Missing("tenderer_nuts", _("region (NUTS 3) of every tenderer")))
        if kind in AWARD_KINDS and not size_of(organisation):
            gaps.append(Missing(f"size_{organisation.pk}", _("size of every tenderer")))
    return gaps


def modification_of(amendment) -> ModificationDetails:
    try:
        return amendment.notice_modification
    except ModificationDetails.DoesNotExist:
        return ModificationDetails(amendment=amendment)


def award_notice(procurement: Procurement):
    """The award notice (33) the notice service accepted: the notice a modification changes."""
    return next((s for s in getattr(procurement, "accepted_notices", ()) if s.kind == NoticeKind.AWARD_NOTICE_LIGHT),
                None)


def _modification_gaps(procurement: Procurement, amendment) -> list[Missing]:
    gaps = []
    if award_notice(procurement) is None:
        gaps.append(Missing("award_notice", _("an award notice (33) accepted by the notice service")))
    if amendment is None:
        return gaps
    modification = modification_of(amendment)
    if not modification.reason_code:
        gaps.append(Missing(f"reason_code_{amendment.pk}", _("ground of the modification")))
    if modification.value_before is None:
        gaps.append(Missing(f"value_before_{amendment.pk}", _("contract value before the modification (EUR)")))
    if modification.value_after is None:
        gaps.append(Missing(f"value_after_{amendment.pk}", _("contract value after the modification (EUR)")))
    return gaps


def amendments(procurement: Procurement) -> list:
    """Every amendment of the procurement's contracts, each with its contract (prefetched)."""
    return [amendment for contract in procurement.contracts.all() for amendment in contract.amendments.all()]


def amendment_of(procurement: Procurement, amendment_id) -> object:
    """One of this procurement's amendments; another procurement's or none is refused by field."""
    for amendment in amendments(procurement):
        if str(amendment.pk) == str(amendment_id):
            return amendment
    raise DomainError("notice_amendment_unknown", "amendment")


def _planning_lot(procurement, details, kind: NoticeKind, language: str) -> data.Lot:
    if kind is NoticeKind.PRIOR_INFORMATION:
        return data.Lot("PAR-0001", SINGLE_LOT, _text(procurement.title, language),
                        _text(procurement.summary, language), details.cpv, details.nuts, (), procurement.estimated_value)
    return data.Lot("LOT-0001", SINGLE_LOT, _text(procurement.title, language),
                    consultation.description(procurement, _text(procurement.summary, language), language),
                    details.cpv, details.nuts, (), procurement.estimated_value, consultation.answer_deadline(procurement))


def _procedure(procurement: Procurement, kind: NoticeKind) -> str:
    code = PROCEDURES[procurement.procedure]
    return code if kind not in NATIONAL_KINDS or code == "open" else "oth-single"


def _text(value, language: str) -> str:
    return translation.resolve(value, language).text


def _organisation(org_id: str, organisation, city: str = "", **contact) -> data.Organisation:
    return data.Organisation(org_id, organisation.name, organisation.business_id,
                             city or organisation.municipality or "-", **contact)


def _criteria(tender, language: str) -> tuple[data.Criterion, ...]:
    criteria = []
    if tender.price_weight:
        criteria.append(data.Criterion("price", str(_("Price")), "", tender.price_weight))
    for criterion in tender.criteria.all():
        criteria.append(data.Criterion("quality", _text(criterion.name, language),
                                       _text(criterion.description, language), criterion.weight))
    return tuple(criteria)


def _lots(procurement, tender, details, language: str) -> tuple[data.Lot, ...]:
    title, summary = _text(procurement.title, language), _text(procurement.summary, language)
    if tender is None:
        return (data.Lot("LOT-0001", SINGLE_LOT, title, summary, details.cpv, details.nuts, (),
                         procurement.estimated_value),)
    description = _text(tender.service_description, language) or summary
    criteria = _criteria(tender, language)
    lots = list(tender.lots.all())
    if not lots:
        return (data.Lot("LOT-0001", SINGLE_LOT, title, description, details.cpv, details.nuts, criteria,
                         procurement.estimated_value, tender.deadline),)
    return tuple(
        data.Lot(f"LOT-{lot.number:04d}", lot.key, _text(lot.title, language),
                 _text(lot.description, language) or description, details.cpv, details.nuts, criteria,
                 lot.estimated_value, tender.deadline)
        for lot in lots
    )


def _results(procurement, tender, lots, language: str) -> dict:
    """Every bid as a LotTender, each lot's result and the organisations behind the bids."""
    award = _award(tender)
    winning = {bid.pk for bid in winning_bids(tender)}
    winning_organisations = {organisation.pk for organisation in winners(tender)}
    organisations, tenders, lead_sizes = {}, [], {}
    for number, bid in enumerate(tender.bids.all(), start=1):
        ids = []
        for organisation in [bid.lead, *(m.organisation for m in bid.members.all())]:
            if organisation.pk not in organisations:
                organisations[organisation.pk] = _organisation(
                    f"ORG-{len(organisations) + 3:04d}", organisation, postcode=organisation.postcode,
                    nuts=organisation.nuts_region,
                    size=size_of(organisation) if organisation.pk in winning_organisations else "")
            ids.append(organisations[organisation.pk].id)
        lot_id = f"LOT-{bid.lot.number:04d}" if bid.lot_id else "LOT-0001"
        tenders.append(data.Tender(f"TEN-{number:04d}", f"TPA-{number:04d}", lot_id, tuple(ids),
                                   bid.price, bid.pk in winning))
        lead_sizes[tenders[-1].id] = size_of(bid.lead)
    contracts = list(procurement.contracts.all())
    results = []
    for index, lot in enumerate(lots):
        lot_tenders = [t for t in tenders if t.lot_id == lot.id]
        winner = next((t for t in lot_tenders if t.winner), None)
        contract = contracts[index] if winner and index < len(contracts) else None
        results.append(data.LotResult(
            lot.id, len(lot_tenders), winner.id if winner else "",
            f"CON-{index + 1:04d}" if winner else "",
            f"{procurement.reference}-{contract.pk if contract else lot.key}",
            timezone.localtime(contract.created_at).date() if contract else None,
            _statistics([lead_sizes[t.id] for t in lot_tenders]),
        ))
    won = [t.value for t in tenders if t.winner and t.value is not None]
    total = sum(won, Decimal(0)) if won else None
    return {"tenderers": tuple(organisations.values()), "tenders": tuple(tenders), "results": tuple(results),
            "award_date": award.decided_on if award else None, "total_awarded": total}


def _statistics(sizes: list[str]) -> tuple[tuple[str, int], ...]:
    """Received tenders by the size of the tendering party's lead (a consortium counts once, as
    its lead) and by origin: every tenderer has a Finnish business ID, so none comes from another
    EEA country or from outside the EEA."""
    by_size = tuple((code, sizes.count(size)) for size, code in SIZE_STATISTICS.items())
    return (*by_size, ("t-oth-eea", 0), ("t-no-eea", 0))


def notice(procurement: Procurement, kind: str, language: str = "fi", *, notice_id: str = "",
           issued_at: datetime | None = None, amendment=None) -> data.Notice:
    """The notice as data. Raises DomainError when the kind does not fit the value, or when a
    modification notice names no amendment of this procurement."""
    wanted = check_kind(kind, procurement.estimated_value, procurement.phase)
    if wanted is NoticeKind.MODIFICATION and amendment is None:
        raise DomainError("notice_amendment_unknown", "amendment")
    details = details_of(procurement)
    tender = _tender(procurement)
    if wanted in PLANNING_KINDS:
        lots = (_planning_lot(procurement, details, wanted, language),)
    else:
        lots = _lots(procurement, tender, details, language)
    authority = procurement.authority
    buyer = _organisation("ORG-0001", authority, details.buyer_city, nuts=details.nuts, street=details.buyer_street,
                          postcode=details.buyer_postcode, email=details.buyer_email, phone=details.buyer_phone,
                          website=authority.website)
    extra = _results(procurement, tender, lots, language) if wanted in RESULT_KINDS and tender else {}
    if wanted is NoticeKind.MODIFICATION and extra:
        extra = _modified(procurement, amendment, lots, extra, language)
        lots = tuple(lot for lot in lots if lot.id == extra["results"][0].lot_id) if extra["results"] else lots
    return data.Notice(
        kind=wanted, notice_id=notice_id or str(uuid.uuid4()), folder_id=folder_id(procurement),
        issued_at=(issued_at or timezone.now()).astimezone(timezone.get_default_timezone()),
        language=LANGUAGES[language], reference=procurement.reference,
        title=_text(procurement.title, language), description=_text(procurement.summary, language),
        procedure=_procedure(procurement, wanted), cpv=details.cpv, additional_cpv=(), nuts=details.nuts,
        # The buyer's work is health, or else social protection, by the procurement's service area.
        buyer_legal_type=authority.legal_type,
        buyer_activity="health" if procurement.service_area == "health_care" else "soc-pro",
        value=procurement.estimated_value, buyer=buyer, review_body=review_body(language), lots=lots, **extra,
        endpoint=f"{settings.COPROCURE_PUBLIC_URL}/procurements/{procurement.pk}/participation/",
        tender_url=f"{settings.COPROCURE_PUBLIC_URL}/procurements/{procurement.pk}/tender/",
        procedure_features=_procedure_in_words(procurement, language),
    )


def _procedure_in_words(procurement, language: str) -> str:
    with django_translation.override(language):
        return str(procurement.get_procedure_display())


def _modified(procurement, amendment, lots, results: dict, language: str) -> dict:
    """The award's result narrowed to the amended contract, at its value after the modification,
    and what the modification notice says of the change."""
    contracts = list(procurement.contracts.all())
    index = next(i for i, contract in enumerate(contracts) if contract.pk == amendment.contract_id)
    contract_id = f"CON-{index + 1:04d}"
    lot_results = tuple(r for r in results["results"] if r.contract_id == contract_id)
    tender_ids = {r.winner_tender_id for r in lot_results}
    details = modification_of(amendment)
    after = details.value_after if details.value_after is not None else Decimal(0)
    tenders = tuple(replace(t, value=after) for t in results["tenders"] if t.id in tender_ids)
    organisation_ids = {o for t in tenders for o in t.organisation_ids}
    award = award_notice(procurement)
    with django_translation.override(language):
        values = gettext("Value before the modification %(before)s €, after it %(after)s €.") % {
            "before": f"{details.value_before:.2f}" if details.value_before is not None else "–",
            "after": f"{after:.2f}"}
    return {**results, "results": lot_results, "tenders": tenders, "total_awarded": after,
            "tenderers": tuple(o for o in results["tenderers"] if o.id in organisation_ids),
            "modification": data.Modification(
                contract_id, f"{award.uuid}-01" if award else "", details.reason_code,
                _text(amendment.reason, language), f"{_text(amendment.summary, language)}\n{values}",
                details.value_before, after)}
