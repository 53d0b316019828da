"""Reads for tendering pages and the API, with what each page needs fetched up front.

Before opening, the reads here return bids without content: ``Bid.price`` and ``Bid.answers``
are empty in the database until ``services.open_bids``, and no read decrypts anything.
"""

from __future__ import annotations

from functools import reduce

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from coprocure.core import visibility
from coprocure.core.models import Organisation, OrganisationKind, Procurement, ProcurementRole
from coprocure.domain import complaints as complaint_rules
from coprocure.domain import exact, translation
from coprocure.domain.roles import Role

from coprocure.core.fields import localised
from coprocure.domain import documents as document_rules

from . import instructions
from .models import (
    AwardDecision, Bid, BidAttachment, BidMember, Clarification, Complaint, ComplaintKind, ComplaintOutcome,
    ConflictDeclaration, DocumentKind,
    DocumentSection, DocumentVersion, FinalScore, Lot, Objective, QualityCriterion, Score, SectionComment, Tender,
    TenderDocument,
)

FORMULAS = {
    "price_points": "price_weight × (lowest_price ÷ price)",
    "quality_points_absolute": "weight × (final_score ÷ scale_max)",
    "quality_points_relative": "weight × (final_score ÷ best_final_score)",
    "total": "price_points + Σ quality_points",
}


def visible_tender(user, pk: int, writers: str = "tendering.manage") -> Tender:
    """Who may see a tender, stated once: anyone who may see its procurement once it is
    published; before that only the people holding ``writers`` (staff for the tender itself,
    also the invited user representatives for its documents). 404 alike for a missing tender
    and one the person may not see, so that a draft's existence is not revealed."""
    tender = Tender.objects.select_related("procurement__authority").filter(pk=pk).first()
    if tender is None or not user.has_perm("tendering.view", tender.procurement):
        raise Http404
    if not tender.is_published and not user.has_perm(writers, tender.procurement):
        raise Http404
    return tender


def visible_documents(user, pk: int, kind: str) -> Tender:
    """A tender whose service description or minimum requirements the person may see: the
    published tender's for its visitors, a draft's also for the people who write them."""
    if kind not in DocumentKind.values:
        raise Http404
    return visible_tender(user, pk, writers="tendering.edit_documents")


def _of_tender(user, queryset, pk: int, holder: str = ""):
    """One object of a tender, seen by whoever sees the tender: the object itself holds the
    tender, or the relation ``holder`` names does ("bid", "section.document"), and a document's
    parts are seen as the document is. Sets the tender on the holder, or raises 404 alike for a
    missing object and a hidden tender."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    holding = reduce(getattr, holder.split("."), obj) if holder else obj
    if isinstance(holding, TenderDocument):
        holding.tender = visible_documents(user, holding.tender_id, holding.kind)
    else:
        holding.tender = visible_tender(user, holding.tender_id)
    return obj


def _counted(user, bid: Bid) -> None:
    """Sealed means not even counted: before the opening, a bid is seen only by its own
    organisations and the procurement's staff (who list who bid). Anyone else gets the 404 of a
    bid that does not exist, so a bid id probed on any tender reveals nothing."""
    tender = bid.tender
    if tender.is_opened or user.has_perm("tendering.manage", tender.procurement):
        return
    organisation = getattr(user, "organisation_id", None)
    if organisation is None or (bid.lead_id != organisation
                                and not bid.members.filter(organisation_id=organisation).exists()):
        raise Http404


def _countable(user, path: str = "") -> Q:
    """``_counted`` as a filter on the query that fetches the bid (``path`` leads from the
    object fetched to its bid): a bid the person may not count is then not found by the first
    query, as an id that names nothing is not, and no second lookup runs whose time would tell
    the two apart. ``_counted`` still decides for the bids this lets through."""
    countable = Q(**{f"{path}tender__opened_at__isnull": False})
    if not user.is_authenticated:
        return countable
    countable |= Q(Exists(ProcurementRole.objects.filter(
        procurement=OuterRef(f"{path}tender__procurement"), user=user, role__in=(Role.OFFICIAL, Role.STAFF))))
    if organisation := getattr(user, "organisation_id", None):
        countable |= Q(**{f"{path}lead_id": organisation}) | Q(Exists(BidMember.objects.filter(
            bid=OuterRef(f"{path}pk" if not path else path.removesuffix("__")), organisation_id=organisation)))
    return countable


def visible_bid(user, pk: int) -> Bid:
    bid = _of_tender(user, Bid.objects.filter(_countable(user)), pk)
    _counted(user, bid)
    return bid


def visible_attachment(user, pk: int) -> BidAttachment:
    attachment = _of_tender(user, BidAttachment.objects.select_related("bid").filter(_countable(user, "bid__")), pk,
                            "bid")
    _counted(user, attachment.bid)
    return attachment


def visible_clarification(user, pk: int) -> Clarification:
    return _of_tender(user, Clarification.objects, pk)


def visible_complaint(user, pk: int) -> Complaint:
    return _of_tender(user, Complaint.objects.select_related("decision"), pk, "decision")


def visible_section(user, pk: int) -> DocumentSection:
    return _of_tender(user, DocumentSection.objects.select_related("document"), pk, "document")


def visible_comment(user, pk: int) -> SectionComment:
    return _of_tender(user, SectionComment.objects.select_related("section__document"), pk, "section.document")


def award_decision(user, pk: int) -> AwardDecision:
    """The award decision of a tender the person may see, published or not; 404 before a decision."""
    tender = visible_tender(user, pk)
    decision = award_of(tender)
    if decision is None:
        raise Http404
    decision.tender = tender
    return decision


def published_award(tender: Tender) -> AwardDecision:
    """The tender's award decision once it is public; 404 before."""
    decision = award_of(tender)
    if decision is None or not visibility.public(decision, "winner"):
        raise Http404
    decision.tender = tender
    return decision


def visible_published_award(user, pk: int) -> AwardDecision:
    return published_award(visible_tender(user, pk))


def tender_of(procurement: Procurement) -> Tender | None:
    return (
        Tender.objects.select_related("procurement__authority", "opened_by", "opening_requested_by")
        .prefetch_related(
            Prefetch("criteria", queryset=QualityCriterion.objects.prefetch_related("objectives")),
            Prefetch("clarifications", queryset=Clarification.objects.order_by("asked_at", "id")),
            "lots",
        )
        .filter(procurement=procurement).first()
    )


def objectives_of(procurement: Procurement) -> QuerySet[Objective]:
    return procurement.objectives.prefetch_related("insights", "criteria").order_by("created_at", "id")


def golden_thread(procurement: Procurement, tender: Tender | None) -> dict:
    """insight → objective → criterion, with the gaps staff should close."""
    objectives = list(objectives_of(procurement))
    criteria = list(tender.criteria.all()) if tender else []
    with_origin = {o.pk for o in objectives if o.insights.all()}
    return {
        "objectives": objectives,
        "criteria": criteria,
        "criteria_without_origin": [c for c in criteria if not any(o.pk in with_origin for o in c.objectives.all())],
        "objectives_without_criterion": [o for o in objectives if not [c for c in o.criteria.all() if c.tender_id == getattr(tender, "pk", None)]],
    }


def bids_of(tender: Tender) -> QuerySet[Bid]:
    """Bids with their consortium and their attachments' names (blank until opening), never their bytes."""
    return tender.bids.select_related("lead", "lot", "submitted_by").prefetch_related(
        Prefetch("members", queryset=BidMember.objects.select_related("organisation")),
        Prefetch("attachments", queryset=BidAttachment.objects.only("id", "bid_id", "name", "kind", "added_at")),
    ).order_by("submitted_at", "id")


def own_bids(tender: Tender, organisation_id: int | None) -> list[Bid]:
    """The organisation's bids still in: one, or one per lot it bids for."""
    if organisation_id is None:
        return []
    return list(bids_of(tender).filter(lead_id=organisation_id, withdrawn_at__isnull=True).order_by("lot__number", "id"))


def own_bid(tender: Tender, organisation_id: int | None) -> Bid | None:
    if organisation_id is None:
        return None
    return bids_of(tender).filter(lead_id=organisation_id, withdrawn_at__isnull=True).first()


def bid_in(tender: Tender, pk: int) -> Bid | None:
    return tender.bids.filter(pk=pk).first()


def lot_in(tender: Tender, pk: int) -> Lot | None:
    return tender.lots.filter(pk=pk).first()


def criterion_in(tender: Tender, pk: int | None) -> QualityCriterion | None:
    return tender.criteria.filter(pk=pk).first() if pk is not None else None


def criterion_by_key(tender: Tender, key: str) -> QualityCriterion | None:
    """A criterion by its published key (``c12``) or its bare number."""
    digits = key[1:] if key.startswith("c") else key
    return criterion_in(tender, int(digits) if digits.isdigit() else None)


def bidders(pks) -> dict[int, Organisation]:
    """The organisations that may be named in a bid (any but a contracting authority), by id."""
    return {o.pk: o for o in Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY).filter(pk__in=pks)}


def declaration_of(tender: Tender, evaluator) -> ConflictDeclaration | None:
    return tender.declarations.filter(evaluator=evaluator).first()


def own_scores(tender: Tender, evaluator) -> dict[tuple[int, int], Score]:
    """The evaluator's own scores only: nobody's else is read for the blind scoring page."""
    return {(s.bid_id, s.criterion_id): s for s in Score.objects.filter(bid__tender=tender, evaluator=evaluator)}


def all_scores(tender: Tender) -> dict[tuple[int, int], list[Score]]:
    result: dict[tuple[int, int], list[Score]] = {}
    for score in Score.objects.filter(bid__tender=tender).select_related("evaluator").order_by("evaluator_id"):
        result.setdefault((score.bid_id, score.criterion_id), []).append(score)
    return result


def final_scores(tender: Tender) -> dict[tuple[int, int], FinalScore]:
    return {(f.bid_id, f.criterion_id): f for f in FinalScore.objects.filter(bid__tender=tender)}


def award_of(tender: Tender) -> AwardDecision | None:
    return AwardDecision.objects.select_related("accountable_official", "winner__lead").filter(tender=tender).first()


def published_comparison(decision: AwardDecision) -> dict:
    """The whole published record: the criteria as announced, every bid and its consortium,
    each evaluator's score and justification, the final scores and the exact comparison.

    Evaluators are numbered rather than named: user representatives sit on panels, and the
    authority keeps who is who. ``comparison`` is the document ``scoring.recompute_lots`` reads.
    With lots, ``lots`` lists them, each bid names its lot and the decision its winner per lot.
    """
    tender = decision.tender
    criteria = list(tender.criteria.prefetch_related("objectives"))
    bids = list(bids_of(tender).filter(withdrawn_at__isnull=True))
    scores = all_scores(tender)
    finals = final_scores(tender)
    evaluators = sorted({s.evaluator_id for rows in scores.values() for s in rows})
    number = {pk: index for index, pk in enumerate(evaluators, start=1)}
    lots = list(tender.lots.all())
    document = {
        "tender": tender.pk,
        "procurement": {"id": tender.procurement_id, "reference": tender.procurement.reference,
                        "title": translation.normalise(tender.procurement.title)},
        "formulas": FORMULAS,
        "criteria": [
            {"id": c.key, "name": translation.normalise(c.name), "description": translation.normalise(c.description),
             "weight": exact.text(c.weight.normalize()), "scale_max": c.scale_max, "levels": c.levels,
             "objectives": [translation.normalise(o.statement) for o in c.objectives.all()]}
            for c in criteria
        ],
        "bids": [
            {"id": f"b{b.pk}", "lead": b.lead.name,
             "members": [{"organisation": m.organisation.name, "role": m.role} for m in b.members.all()],
             "exclusion_reason": b.exclusion_reason or None, **({"lot": b.lot.key} if b.lot_id else {})}
            for b in bids
        ],
        "evaluations": [
            {"bid": f"b{b.pk}", "criterion": c.key,
             "scores": [{"evaluator": number[s.evaluator_id], "score": exact.text(s.score.normalize()),
                         "justification": s.justification} for s in scores.get((b.pk, c.pk), [])],
             "final_score": exact.text(finals[(b.pk, c.pk)].score.normalize()) if (b.pk, c.pk) in finals else None,
             "method": finals[(b.pk, c.pk)].method if (b.pk, c.pk) in finals else None,
             "reason": finals[(b.pk, c.pk)].reason if (b.pk, c.pk) in finals else ""}
            for b in bids for c in criteria
        ],
        "decision": {
            "winner": f"b{decision.winner_id}", "decided_on": decision.decided_on.isoformat(),
            "standstill_ends_on": decision.standstill_ends_on.isoformat(),
            "accountable_official": str(decision.accountable_official),
            "reasons": translation.normalise(decision.reasons),
            "published_at": decision.published_at.isoformat() if decision.published_at else None,
        },
        "comparison": decision.comparison,
    }
    if lots:
        document["lots"] = [
            {"lot": lot.key, "title": translation.normalise(lot.title),
             "description": translation.normalise(lot.description),
             "estimated_value": exact.text(lot.estimated_value) if lot.estimated_value is not None else None}
            for lot in lots
        ]
        document["decision"]["lot_winners"] = {lot: f"b{pk}" for lot, pk in decision.lot_winners.items()}
    return document


def complaints_of(decision) -> list[Complaint]:
    """The public timeline's complaints about a decision (the award, or a selection or reduction
    decision of the procedure); who complained is not read for it."""
    return list(decision.complaints.only(
        "id", "kind", "filed_on", "outcome", "answer", "answered_on", "late", "enforcement_banned",
        "court_decided_on").order_by("filed_on", "id"))


def contract_holds(award: AwardDecision) -> tuple[int, bool]:
    """What holds the contract back after the standstill: the number of pending requests for
    rectification, and whether a pending appeal carries the Market Court's ban on enforcement."""
    pending = [complaint for complaint in award.complaints.all() if complaint.holds_contract]
    return (sum(1 for complaint in pending if not complaint.is_appeal),
            any(complaint.is_appeal for complaint in pending))


def procedure_holds(procurement: Procurement) -> tuple[int, int]:
    """What holds the procedure's next stage, its award and its contract: the number of pending
    requests for rectification of its selection and reduction decisions, and of pending appeals
    against them with the Market Court's ban on enforcement. Read through the procurement's stages
    (procedures.DecisionComplaint): tendering sits below the procedures app."""
    held = []
    for path in ("call__decision__complaints__", "reduction__complaints__"):
        held += procurement.procedure_stages.filter(**{f"{path}outcome": ComplaintOutcome.PENDING}).values_list(
            f"{path}kind", f"{path}enforcement_banned")
    holding = [kind for kind, banned in held if complaint_rules.holds(kind, True, banned)]
    appeals = sum(1 for kind in holding if kind == ComplaintKind.MARKET_COURT_APPEAL)
    return len(holding) - appeals, appeals


def timeline(decision: AwardDecision) -> dict:
    """Decision, standstill and complaints as the public sees them, for the page and the API."""
    return {
        "decided_on": decision.decided_on, "sent_on": decision.sent_on, "channel": decision.channel,
        "received_on": decision.received_on, "complaints_until": decision.complaints_until,
        "standstill_ends_on": decision.standstill_ends_on,
        "complaints": complaints_of(decision),
        "instructions": instructions.for_decision(decision),
    }


def document_of(tender: Tender, kind: str) -> TenderDocument | None:
    """A document with its working sections, their comments and its versions."""
    return (
        TenderDocument.objects.filter(tender=tender, kind=kind)
        .prefetch_related(
            Prefetch("sections", queryset=DocumentSection.objects.prefetch_related(
                Prefetch("comments", queryset=SectionComment.objects.order_by("created_at", "id")))),
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("number")),
        ).first()
    )


def version_of(tender: Tender, kind: str, number: int) -> DocumentVersion | None:
    return DocumentVersion.objects.filter(document__tender=tender, document__kind=kind, number=number).first()


def current_versions(tender: Tender) -> dict[str, DocumentVersion]:
    """The latest published version of each of the tender's documents, by kind."""
    latest: dict[str, DocumentVersion] = {}
    for version in DocumentVersion.objects.filter(document__tender=tender).select_related("document").order_by("number"):
        latest[version.document.kind] = version
    return latest


def version_changes(version: DocumentVersion) -> list[document_rules.SectionChange]:
    """What changed from the version before (everything is new in the first)."""
    previous = DocumentVersion.objects.filter(document=version.document_id, number=version.number - 1).first()
    return document_rules.diff(previous.sections if previous else [], version.sections)


def requirement_choices(tender: Tender) -> list[tuple[int, str]]:
    """The published minimum requirements, to cite when excluding a bid."""
    version = current_versions(tender).get(DocumentKind.MINIMUM_REQUIREMENTS)
    if version is None:
        return []
    return [(section["number"], f"{section['number']}. {localised(section['heading'])}") for section in version.sections]
