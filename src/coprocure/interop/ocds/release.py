"""One OCDS 1.1 release for one procurement, built from data fetched up front (see
``export.public_procurements``): no function here touches the database.

The release is a snapshot of everything public about the procurement now, so its ``tag``
names every section it carries. What is public when follows docs/sealed-bids.md: the criteria
once the tender is published; who bid, their prices and the award only once the award is
published. The bids are not even fetched before that (``export.public_procurements``), and
``release`` checks again, so a bid never reaches an export early. See docs/ocds.md.
"""

from __future__ import annotations

from datetime import date, datetime, time
from datetime import timezone as dt_timezone
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation as django_translation

from coprocure.core import visibility
from coprocure.core.models import Organisation, OrganisationKind, Phase, Procedure, Procurement
from coprocure.domain import translation
from coprocure.notices import ocds as notices_ocds
from coprocure.tendering.selectors import FORMULAS

from . import stages

LANGUAGE = "fi"
CURRENCY = "EUR"
LOT_ID = "1"  # a tender without lots is one virtual lot, which carries the award criteria
# The Finnish Patent and Registration Office's register of business IDs (Y-tunnus) in org-id.guide.
BUSINESS_ID_SCHEME = "FI-PRO"
# No official scheme tells an association or a social enterprise from a company, and that is
# what readers of social and health procurement ask; so the project's own (docs/ocds.md).
ORGANISATION_KIND_SCHEME = "coprocure-organisation-kind"

# OCDS's closed `method` codelist has open, selective, limited and direct. Every CoProcure
# tender is published for anyone to ask to take part, so none is limited or direct; in all but
# the open procedure the authority chooses or negotiates with some of those who applied.
PROCUREMENT_METHODS = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "selective",
    Procedure.NEGOTIATED: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
    Procedure.LIGHT: "selective",
}
# Contract party roles in CoProcure → OCDS party roles (eForms codes where core has none).
CONTRACT_PARTY_ROLES = {
    "authority": "buyer",
    "provider": "supplier",
    "consortium_lead": "supplier",
    "consortium_member": "supplier",
    "subcontractor": "subcontractor",
}


def ocid(procurement: Procurement) -> str:
    return f"{settings.COPROCURE_OCID_PREFIX}-{procurement.reference}"


def _text(value) -> str:
    """The Finnish text (OCDS text fields are plain strings; the release says ``language: fi``)."""
    return translation.resolve(value, LANGUAGE).text


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _value(amount: Decimal) -> dict:
    return {"amount": _amount(amount), "currency": CURRENCY}


def _datetime(moment: datetime | date) -> str:
    if not isinstance(moment, datetime):
        # A day (a decision, a contract's start) is the start of that day in Finland.
        moment = timezone.make_aware(datetime.combine(moment, time()), timezone.get_default_timezone())
    return moment.isoformat()


def _finnish_label(choice) -> str:
    with django_translation.override(LANGUAGE):
        return str(choice.label)


def party_id(organisation: Organisation) -> str:
    if organisation.business_id:
        return f"{BUSINESS_ID_SCHEME}-{organisation.business_id}"
    return f"coprocure-organisation-{organisation.pk}"


def _reference(organisation: Organisation) -> dict:
    return {"id": party_id(organisation), "name": organisation.name}


class _Parties:
    """Parties merged by id, each with its roles in the order they were first given."""

    def __init__(self):
        self._parties: dict[str, dict] = {}

    def add(self, organisation: Organisation | None, *roles: str, name: str = "", fallback_id: str = "") -> dict:
        reference = _reference(organisation) if organisation else {"id": fallback_id, "name": name}
        party = self._parties.setdefault(reference["id"], {**reference, "roles": []})
        if organisation is not None and "details" not in party:
            if organisation.business_id:
                party["identifier"] = {"scheme": BUSINESS_ID_SCHEME, "id": organisation.business_id,
                                       "legalName": organisation.name}
            party["details"] = {"classifications": [{
                "scheme": ORGANISATION_KIND_SCHEME, "id": organisation.kind,
                "description": _finnish_label(OrganisationKind(organisation.kind)),
            }]}
        party["roles"] += [role for role in roles if role not in party["roles"]]
        return reference

    def as_list(self) -> list[dict]:
        return list(self._parties.values())


def _tender_of(procurement: Procurement):
    tender = getattr(procurement, "tender", None)
    return tender if tender is not None and tender.is_published else None


def _published_award(tender):
    award = getattr(tender, "award", None) if tender is not None else None
    return award if award is not None and visibility.public(award, "winner") else None


def _tender_status(procurement: Procurement, tender, award) -> str:
    if award is not None or procurement.phase in (Phase.CONTRACT, Phase.CLOSED):
        return "complete"
    if tender is not None:
        return "active"
    # In the tendering phase but the invitation not yet out: scheduled, not yet taking place.
    return "planned" if procurement.phase == Phase.TENDERING else "planning"


def _award_criteria(tender) -> dict:
    criteria = []
    if tender.price_weight:
        criteria.append({"type": "price", "name": "Hinta",
                         "numbers": [{"number": _amount(tender.price_weight), "weight": "percentageExact"}]})
    for criterion in tender.criteria.all():
        entry = {"type": "quality", "name": _text(criterion.name)}
        if description := _text(criterion.description):
            entry["description"] = description
        entry["numbers"] = [{"number": _amount(criterion.weight), "weight": "percentageExact"}]
        criteria.append(entry)
    return {"criteria": criteria}


def _core_award_criteria(tender) -> str:
    """The core codelist's summary of the criteria in the lot."""
    if not tender.price_weight:
        return "qualityOnly"
    return "priceOnly" if not tender.criteria.all() else "ratedCriteria"


def _tender(procurement: Procurement, tender, status: str) -> dict:
    section = {
        "id": procurement.reference,
        "title": _text(procurement.title),
        "status": status,
        "procurementMethod": PROCUREMENT_METHODS[procurement.procedure],
        "procurementMethodDetails": _finnish_label(Procedure(procurement.procedure)),
        "mainProcurementCategory": "services",
    }
    if tender is None:
        return section
    section["description"] = _text(tender.service_description)
    section["tenderPeriod"] = {"startDate": _datetime(tender.published_at), "endDate": _datetime(tender.deadline)}
    section["awardCriteria"] = _core_award_criteria(tender)
    section["awardCriteriaDetails"] = "; ".join(f"{name} = {formula}" for name, formula in FORMULAS.items())
    criteria = _award_criteria(tender)
    lots = list(tender.lots.all())
    if not lots:
        section["lots"] = [{"id": LOT_ID, "title": section["title"], "status": status, "awardCriteria": criteria}]
        return section
    section["lots"] = []
    for lot in lots:
        entry = {"id": lot.key, "title": _text(lot.title), "status": status, "awardCriteria": criteria}
        if description := _text(lot.description):
            entry["description"] = description
        if lot.estimated_value is not None:
            entry["value"] = _value(lot.estimated_value)
        section["lots"].append(entry)
    return section


def _bids(tender, parties: _Parties) -> tuple[dict, list[dict]]:
    """The ``bids`` section and every tenderer, from a published award only."""
    details, tenderers = [], []
    for bid in tender.bids.all():
        members = list(bid.members.all())
        consortium = bool(members)
        # Every member of a consortium is a tenderer; its lead also leadTenderer (eForms).
        references = [parties.add(bid.lead, "tenderer", *(["leadTenderer"] if consortium else []))]
        references += [parties.add(member.organisation, "tenderer") for member in members]
        tenderers += [reference for reference in references if reference not in tenderers]
        detail = {"id": f"b{bid.pk}", "date": _datetime(bid.submitted_at),
                  "status": "disqualified" if bid.exclusion_reason else "valid",
                  "tenderers": references, "relatedLots": [_lot_id(bid)]}
        if bid.price is not None:
            detail["value"] = _value(bid.price)
        details.append(detail)
    valid = [bid.price for bid in tender.bids.all() if not bid.exclusion_reason and bid.price is not None]
    statistics = [
        {"id": "bids", "measure": "bids", "value": len(details)},
        {"id": "validBids", "measure": "validBids", "value": len(valid)},
        {"id": "disqualifiedBids", "measure": "disqualifiedBids", "value": len(details) - len(valid)},
    ]
    if valid:
        statistics += [
            {"id": "lowestValidBidValue", "measure": "lowestValidBidValue", "value": _amount(min(valid)), "currency": CURRENCY},
            {"id": "highestValidBidValue", "measure": "highestValidBidValue", "value": _amount(max(valid)), "currency": CURRENCY},
        ]
    return {"statistics": statistics, "details": details}, tenderers


def _lot_id(bid) -> str:
    return str(bid.lot.number) if bid.lot_id else LOT_ID


def _lot_id_number(bid) -> int:
    return bid.lot.number if bid.lot_id else 0


def _award(award, winner, parties: _Parties, today: date, comparison: dict | None) -> dict:
    suppliers = [parties.add(winner.lead, "supplier")]
    suppliers += [parties.add(member.organisation, "supplier") for member in winner.members.all()]
    result = {
        # One award per lot, each lot's id after the decision's.
        "id": f"award-{award.pk}" if not winner.lot_id else f"award-{award.pk}-lot-{winner.lot.number}",
        # Until the standstill period is over the award is not yet in force (awardStatus "pending").
        "status": "pending" if today <= award.standstill_ends_on else "active",
        "date": _datetime(award.decided_on),
        "suppliers": suppliers,
        "relatedBids": [f"b{winner.pk}"],
        "relatedLots": [_lot_id(winner)],
    }
    if winner.price is not None:
        result["value"] = _value(winner.price)
    if comparison and (tie_break := _tie_break(comparison, award, winner)):
        result["tieBreak"] = tie_break
    return result


def _tie_break(comparison: dict, award, winner) -> dict | None:
    """The lot's true ties and the draw that ordered them, from the published comparison
    (CoProcure's tieBreak extension); None when nothing was tied."""
    outcome = comparison
    if "lots" in comparison:
        outcome = next((lot for lot in comparison["lots"] if winner.lot_id and lot["lot"] == winner.lot.key), {})
    if not outcome.get("ties"):
        return None
    rule = comparison["criteria"]["tie_rule"]
    head, *rest = rule.split("_")
    return {
        "rule": head + "".join(word.title() for word in rest),
        "ties": outcome["ties"],
        "draw": comparison.get("draw"),
        "comparisonUrl": f"{settings.COPROCURE_PUBLIC_URL.rstrip('/')}/api/v1/tenders/{award.tender_id}/comparison",
    }


def _contract_status(contract, today: date) -> str:
    if today < contract.starts_on:
        return "pending"
    return "active" if today <= contract.ends_on else "terminated"


def _contract_parties(contract, parties: _Parties) -> list[dict]:
    """Every party of the contract among the release's parties; returns its suppliers."""
    suppliers = []
    for party in contract.parties.all():
        role = CONTRACT_PARTY_ROLES[party.role]
        reference = parties.add(party.organisation, role, name=party.name,
                                fallback_id=f"coprocure-contract-party-{party.pk}")
        if role == "supplier":
            suppliers.append(reference)
    return suppliers


def _contract_award(contract, suppliers: list[dict]) -> dict:
    """A contract recorded without an award published here (for example an alliance procured
    before CoProcure) still names its award, as OCDS requires: one of its suppliers."""
    return {"id": f"contract-{contract.pk}-award", "status": "active", "suppliers": suppliers}


def _contract(contract, award_id: str, related_bids: list[str], today: date) -> dict:
    result = {
        "id": f"contract-{contract.pk}",
        "awardID": award_id,
        "title": _text(contract.title),
        "status": _contract_status(contract, today),
        "period": {"startDate": _datetime(contract.starts_on), "endDate": _datetime(contract.ends_on)},
    }
    if description := _text(contract.description):
        result["description"] = description
    if related_bids:
        result["relatedBids"] = related_bids
    return result


def _release_date(procurement: Procurement, tender, award, contracts) -> datetime:
    """The latest change to anything the release shows."""
    moments = [procurement.updated_at]
    if tender is not None:
        moments.append(tender.updated_at)
    if award is not None:
        moments.append(award.published_at)
    moments += [contract.updated_at for contract in contracts]
    return max(moments)


def release(procurement: Procurement, today: date | None = None, evaluation: dict | None = None) -> dict:
    """The OCDS release of one public procurement, as a JSON-ready dict. ``evaluation`` is
    its ``participationEvaluation`` (CoProcure's extension), worked out for many at once."""
    today = today or timezone.localdate()
    tender = _tender_of(procurement)
    award = _published_award(tender)
    contracts = list(procurement.contracts.all())
    parties = _Parties()
    buyer = parties.add(procurement.authority, "buyer", "procuringEntity")

    tags = ["planning"]
    status = _tender_status(procurement, tender, award)
    planning = {"rationale": _text(procurement.summary)}
    if procurement.estimated_value is not None:
        planning["budget"] = {"amount": _value(procurement.estimated_value)}
    section = _tender(procurement, tender, status)
    if notice_documents := notices_ocds.documents(procurement):
        section["documents"] = notice_documents  # the eForms notices, docs/notices.md
    if tender is not None:
        tags.append("tender")
        section["procuringEntity"] = buyer

    moment = _release_date(procurement, tender, award, contracts)
    result = {
        "ocid": ocid(procurement),
        # A new id whenever anything shown changes, as OCDS asks of releases.
        "id": f"{procurement.reference}-{moment.astimezone(dt_timezone.utc):%Y%m%dT%H%M%S%fZ}",
        "date": _datetime(moment),
        "tag": tags,
        "initiationType": "tender",
        "language": LANGUAGE,
        "parties": [],  # filled last: awards and contracts add suppliers
        "buyer": buyer,
        "planning": planning,
        "tender": section,
    }
    awards = []
    if award is not None:
        tags.append("award")
        result["bids"], tenderers = _bids(tender, parties)
        section["numberOfTenderers"] = len(tenderers)
        section["tenderers"] = tenderers
        # The winners from the prefetched published bids: the export reads no other bid row.
        winning = set(award.lot_winners.values()) or {award.winner_id}
        winners = [bid for bid in tender.bids.all() if bid.pk in winning]
        # Annotated by export.public_procurements only once the award is published.
        comparison = getattr(procurement, "published_comparison", None)
        awards += [_award(award, winner, parties, today, comparison) for winner in sorted(winners, key=_lot_id_number)]
    unmatched = list(zip(awards, winners)) if award is not None else []
    contract_sections = []
    for contract in contracts:
        suppliers = _contract_parties(contract, parties)
        if award is None:
            awards.append(_contract_award(contract, suppliers))
            contract_sections.append(_contract(contract, awards[-1]["id"], [], today))
            continue
        # With lots each contract is one lot's (``conclude_award`` makes them in lot order): the
        # first award still open whose winning lead is a party of it.
        organisations = {party.organisation_id for party in contract.parties.all()}
        match = next((pair for pair in unmatched if pair[1].lead_id in organisations), unmatched[0] if unmatched else None)
        if match is None:
            match = (awards[0], winners[0])
        else:
            unmatched.remove(match)
        contract_sections.append(_contract(contract, match[0]["id"], [f"b{match[1].pk}"], today))
    if awards:
        result["awards"] = awards
    if contract_sections:
        tags.append("contract")
        result["contracts"] = contract_sections
    stages.add(procurement, result, parties)
    result["parties"] = parties.as_list()
    if evaluation is not None:
        result["participationEvaluation"] = evaluation
    return result
