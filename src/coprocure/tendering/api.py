"""/api/v1 endpoints for tendering. Before opening, no endpoint returns a bid's price or
answers: the list of bids says only who bid and when, and the content is sealed in the
database. After a published award, ``/tenders/{id}/comparison`` returns the whole record."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Body, File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS, TranslatedOut
from coprocure.core import visibility
from coprocure.core.models import Organisation, OrganisationKind
from coprocure.core.services import require
from coprocure.core.selectors import visible_procurement
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from coprocure.domain import attachments as attachment_rules

from . import documents, selectors, services
from .forms import (
    AnswerForm, AwardForm, BidForm, ClarificationForm, ComplaintAnswerForm, ComplaintForm, ConflictForm, CriterionForm,
    ExcludeForm, LotForm, ObjectiveForm, ScoreForm, SectionCommentForm, SectionForm, SettleForm, TenderForm,
)
from coprocure.core.moderation import RedactionForm

from .models import (
    Bid, BidAttachment, Clarification, Complaint, DocumentKind, DocumentSection, DocumentVersion, QualityCriterion, SectionComment, Tender,
)

router = Router(tags=["tendering"])


class CriterionOut(Schema):
    id: str
    name: TranslatedOut
    description: TranslatedOut
    weight: Decimal
    scale_max: int
    levels: dict[str, str]
    objectives: list[int]

    @staticmethod
    def resolve_id(obj):
        return obj.key

    @staticmethod
    def resolve_objectives(obj):
        return [objective.pk for objective in obj.objectives.all()]


class ObjectiveOut(Schema):
    id: int
    statement: TranslatedOut
    plain_summary: TranslatedOut
    agreed_how: TranslatedOut
    agreed_on: date | None
    insights: list[int]

    @staticmethod
    def resolve_insights(obj):
        return [insight.pk for insight in obj.insights.all()]


class ClarificationOut(Schema):
    id: int
    question: str
    answer: str
    answered_at: datetime | None


class LotOut(Schema):
    id: int
    number: int
    title: TranslatedOut
    description: TranslatedOut
    estimated_value: Decimal | None


class TenderOut(Schema):
    id: int
    procurement: int
    procedure: str
    service_description: TranslatedOut
    deadline: datetime
    consortia_allowed: bool
    quality_method: str
    tie_rule: str
    price_weight: Decimal
    complaint_days: int
    published_at: datetime | None
    opened_at: datetime | None
    criteria: list[CriterionOut]
    lots: list[LotOut] = []
    objectives: list[ObjectiveOut]
    clarifications: list[ClarificationOut]


class MemberOut(Schema):
    organisation: int
    name: str
    role: str


class BidOut(Schema):
    """Who bid and when. ``price`` stays null until the bids are opened."""

    id: int
    lead: int
    lead_name: str
    lot: int | None = None
    members: list[MemberOut]
    submitted_at: datetime
    withdrawn: bool
    price: Decimal | None
    exclusion_reason: str
    failed_requirement: int | None = None


class MemberIn(Schema):
    organisation: int
    role: str


class BidIn(Schema):
    price: Any
    answers: dict[str, str] = {}
    members: list[MemberIn] = []
    lot: int | None = None


class ScoreIn(Schema):
    bid: int
    criterion: str
    score: Any
    justification: str = ""


class QuestionIn(Schema):
    question: str


def _tender(request, pk: int) -> Tender:
    tender = Tender.objects.select_related("procurement").filter(pk=pk).first()
    if tender is None:
        raise Http404
    procurement = visible_procurement(request.user, tender.procurement_id)
    if not tender.is_published and not request.user.has_perm("tendering.manage", procurement):
        raise Http404
    return tender


def _bid_out(user, bid: Bid) -> dict:
    return {
        "id": bid.pk, "lead": bid.lead_id, "lead_name": bid.lead.name, "lot": bid.lot.number if bid.lot_id else None,
        "members": [{"organisation": m.organisation_id, "name": m.organisation.name, "role": m.role} for m in bid.members.all()],
        "submitted_at": bid.submitted_at, "withdrawn": bid.is_withdrawn,
        "price": visibility.shown(user, bid, "price"), "exclusion_reason": bid.exclusion_reason,
        "failed_requirement": bid.failed_requirement,
    }


@router.get("/tenders/{pk}", response={200: TenderOut, **ERRORS}, auth=ANYONE)
def get_tender(request, pk: int):
    tender = selectors.tender_of(_tender(request, pk).procurement)
    return {
        "id": tender.pk, "procurement": tender.procurement_id, "procedure": tender.procurement.procedure,
        "service_description": tender.service_description, "deadline": tender.deadline,
        "consortia_allowed": tender.consortia_allowed, "quality_method": tender.quality_method,
        "tie_rule": tender.tie_rule, "price_weight": tender.price_weight, "complaint_days": tender.complaint_days,
        "published_at": tender.published_at,
        "opened_at": tender.opened_at, "criteria": list(tender.criteria.all()), "lots": list(tender.lots.all()),
        "objectives": list(selectors.objectives_of(tender.procurement)),
        "clarifications": list(tender.clarifications.all()),
    }


@router.get("/tenders/{pk}/bids", response={200: list[BidOut], **ERRORS}, auth=SIGNED_IN)
def list_bids(request, pk: int):
    tender = _tender(request, pk)
    if not (request.user.has_perm("tendering.manage", tender.procurement)
            or request.user.has_perm("tendering.open_bids", tender.procurement)):
        raise PermissionDenied("tendering.manage")
    return [_bid_out(request.user, bid) for bid in selectors.bids_of(tender)]


@router.post("/tenders/{pk}/bids", response={201: BidOut, **ERRORS}, auth=SIGNED_IN)
def submit_bid(request, pk: int, payload: BidIn):
    tender = _tender(request, pk)
    require(request.user, "tendering.bid", tender.procurement)
    members = payload.members
    data = validated(BidForm, {"price": payload.price}, tender=tender)
    lot = None
    if payload.lot is not None:
        lot = tender.lots.filter(pk=payload.lot).first()
        if lot is None:
            raise ServiceError.from_domain(DomainError("lot_unknown", "lot"))
    organisations = {o.pk: o for o in Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY)
                     .filter(pk__in=[m.organisation for m in members])}
    if len(organisations) != len({m.organisation for m in members}):
        raise ServiceError.from_domain(DomainError("member_unknown", "members"))
    bid = services.submit_bid(request.user, tender, {
        "price": data["price"], "answers": payload.answers, "lot": lot,
        "members": [(organisations[m.organisation], m.role) for m in members],
    })
    return Status(201, _bid_out(request.user, selectors.bids_of(tender).get(pk=bid.pk)))


@router.post("/bids/{pk}/withdraw", response={200: BidOut, **ERRORS}, auth=SIGNED_IN)
def withdraw_bid(request, pk: int):
    bid = Bid.objects.filter(pk=pk).first()
    if bid is None:
        raise Http404
    tender = _tender(request, bid.tender_id)
    services.withdraw_bid(request.user, bid)
    return _bid_out(request.user, selectors.bids_of(tender).get(pk=pk))


@router.get("/bids/{pk}", response={200: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
def get_bid(request, pk: int):
    """A bid's content: for the authority, and only after opening (an earlier try is audited)."""
    bid = Bid.objects.select_related("tender__procurement").filter(pk=pk).first()
    if bid is None:
        raise Http404
    tender = _tender(request, bid.tender_id)
    if not request.user.has_perm("tendering.manage", tender.procurement):
        raise PermissionDenied("tendering.manage")
    if not visibility.may_show(request.user, bid, "answers"):
        raise services.refuse_sealed(request.user, tender, "api:get_bid")
    opened = selectors.bids_of(tender).get(pk=pk)
    return {**_bid_out(request.user, opened), "answers": bid.answers or {},
            "attachments": [{"id": a.pk, "name": a.name, "content_type": attachment_rules.KINDS[a.kind][0]}
                            for a in opened.attachments.all()]}


@router.post("/tenders/{pk}/open", response={200: TenderOut, **ERRORS}, auth=SIGNED_IN)
def open_bids(request, pk: int):
    tender = _tender(request, pk)
    services.open_bids(request.user, tender)
    return get_tender(request, pk)


@router.post("/tenders/{pk}/questions", response={201: ClarificationOut, **ERRORS}, auth=SIGNED_IN)
def ask_question(request, pk: int, payload: QuestionIn):
    tender = _tender(request, pk)
    require(request.user, "tendering.ask", tender.procurement)
    data = validated(ClarificationForm, payload.dict())
    return Status(201, services.ask_question(request.user, tender, data["question"]))


@router.post("/tenders/{pk}/scores", response={201: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
def record_score(request, pk: int, payload: ScoreIn):
    """One evaluator's own score; the response never includes other evaluators' scores."""
    tender = _tender(request, pk)
    bid = Bid.objects.filter(pk=payload.bid, tender=tender).first()
    criterion = QualityCriterion.objects.filter(tender=tender, pk=_criterion_pk(payload.criterion)).first()
    if bid is None or criterion is None:
        raise Http404
    data = validated(ScoreForm, {"score": payload.score, "justification": payload.justification})
    score = services.record_score(request.user, bid, criterion, data["score"], data["justification"])
    return Status(201, {"bid": bid.pk, "criterion": criterion.key, "score": str(score.score),
                        "justification": score.justification})


def _criterion_pk(key: str) -> int | None:
    digits = key[1:] if key.startswith("c") else key
    return int(digits) if digits.isdigit() else None


@router.get("/tenders/{pk}/comparison", response={200: dict[str, Any], **ERRORS}, auth=ANYONE)
def comparison(request, pk: int):
    """The published award's whole comparison (docs/sealed-bids.md describes the format);
    404 until the award is published."""
    tender = _tender(request, pk)
    decision = selectors.award_of(tender)
    if decision is None or not visibility.public(decision, "winner"):
        raise Http404
    return selectors.published_comparison(decision)


# Preparing the tender, settling and deciding: the same forms and services as the pages.

class CreatedOut(Schema):
    id: int


@router.post("/procurements/{pk}/objectives", response={201: CreatedOut, **ERRORS}, auth=SIGNED_IN)
def create_objective(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"statement": {"fi": "..."}, "insights": [3], "agreed_how": {"fi": "..."}, "agreed_on": "2026-01-31"}``"""
    procurement = visible_procurement(request.user, pk)
    require(request.user, "tendering.manage", procurement)
    data = validated(ObjectiveForm, payload, procurement=procurement)
    return Status(201, {"id": services.create_objective(request.user, procurement, data).pk})


@router.put("/procurements/{pk}/tender", response={200: CreatedOut, **ERRORS}, auth=SIGNED_IN)
def save_tender(request, pk: int, payload: dict[str, Any] = Body(...)):
    """Create or change the draft invitation to tender (every field of the form)."""
    procurement = visible_procurement(request.user, pk)
    require(request.user, "tendering.manage", procurement)
    data = validated(TenderForm, payload)
    return {"id": services.save_tender(request.user, procurement, data).pk}


@router.post("/tenders/{pk}/criteria", response={201: CriterionOut, **ERRORS}, auth=SIGNED_IN)
def add_criterion(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"name": {"fi": "..."}, "weight": "35", "scale_max": 5, "levels_text": "0: ...\\n5: ...", "objectives": [2]}``"""
    tender = _tender(request, pk)
    require(request.user, "tendering.manage", tender.procurement)
    data = validated(CriterionForm, payload, procurement=tender.procurement)
    return Status(201, services.add_criterion(request.user, tender, data))


@router.post("/tenders/{pk}/lots", response={201: LotOut, **ERRORS}, auth=SIGNED_IN)
def add_lot(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"title": {"fi": "..."}, "description": {"fi": "..."}, "estimated_value": "250000"}``: numbered in order."""
    tender = _tender(request, pk)
    require(request.user, "tendering.manage", tender.procurement)
    data = validated(LotForm, payload)
    return Status(201, services.add_lot(request.user, tender, data))


@router.post("/tenders/{pk}/publish", response={200: TenderOut, **ERRORS}, auth=SIGNED_IN)
def publish_tender(request, pk: int):
    services.publish_tender(request.user, _tender(request, pk))
    return get_tender(request, pk)


@router.post("/questions/{pk}/answer", response={200: ClarificationOut, **ERRORS}, auth=SIGNED_IN)
def answer_question(request, pk: int, payload: dict[str, Any] = Body(...)):
    clarification = Clarification.objects.filter(pk=pk).first()
    if clarification is None:
        raise Http404
    require(request.user, "tendering.answer", _tender(request, clarification.tender_id).procurement)
    data = validated(AnswerForm, payload)
    return services.answer_question(request.user, clarification, data["answer"])


@router.post("/tenders/{pk}/declaration", response={201: dict[str, bool], **ERRORS}, auth=SIGNED_IN)
def declare_conflict(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"has_conflict": false}``: before any bid is shown to the evaluator."""
    tender = _tender(request, pk)
    require(request.user, "tendering.evaluate", tender.procurement)
    value = payload.get("has_conflict")
    data = validated(ConflictForm, {"has_conflict": {True: "yes", False: "no"}.get(value, value)})
    declaration = services.declare_conflict(request.user, tender, data["has_conflict"])
    return Status(201, {"has_conflict": declaration.has_conflict})


@router.post("/tenders/{pk}/final-scores", response={201: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
def settle_score(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"bid": 5, "criterion": "c12"}`` for the mean, or with ``"consensus": "4", "reason": "..."``."""
    tender = _tender(request, pk)
    require(request.user, "tendering.settle", tender.procurement)
    bid = Bid.objects.filter(pk=payload.get("bid") if isinstance(payload.get("bid"), int) else None, tender=tender).first()
    criterion = QualityCriterion.objects.filter(tender=tender, pk=_criterion_pk(str(payload.get("criterion", "")))).first()
    if bid is None or criterion is None:
        raise Http404
    data = validated(SettleForm, {"consensus": payload.get("consensus"), "reason": payload.get("reason")})
    final = services.settle_score(request.user, bid, criterion, data["consensus"], data["reason"] or "")
    return Status(201, {"bid": bid.pk, "criterion": criterion.key, "final_score": str(final.score.normalize()),
                        "method": final.method})


@router.post("/bids/{pk}/exclude", response={200: BidOut, **ERRORS}, auth=SIGNED_IN)
def exclude_bid(request, pk: int, payload: dict[str, Any] = Body(...)):
    bid = Bid.objects.filter(pk=pk).first()
    if bid is None:
        raise Http404
    tender = _tender(request, bid.tender_id)
    require(request.user, "tendering.settle", tender.procurement)
    data = validated(ExcludeForm, payload, requirements=selectors.requirement_choices(tender))
    services.exclude_bid(request.user, bid, data["reason"], data.get("requirement"))
    return _bid_out(request.user, selectors.bids_of(tender).get(pk=pk))


@router.post("/tenders/{pk}/award", response={201: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
def decide_award(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"accountable_official": 4, "reasons": {"fi": "..."}, "decided_on": "2026-03-09"}``
    (``standstill_ends_on`` defaults to 14 days later)."""
    tender = _tender(request, pk)
    require(request.user, "tendering.decide", tender.procurement)
    data = validated(AwardForm, payload, authority=tender.procurement.authority)
    decision = services.decide_award(request.user, tender, data)
    return Status(201, {"winner": decision.winner_id, "standstill_ends_on": decision.standstill_ends_on.isoformat()})


@router.post("/tenders/{pk}/award/publish", response={200: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
def publish_award(request, pk: int):
    tender = _tender(request, pk)
    decision = selectors.award_of(tender)
    if decision is None:
        raise Http404
    services.publish_award(request.user, decision)
    return selectors.published_comparison(selectors.award_of(tender))


class ComplaintOut(Schema):
    """A complaint as the public timeline shows it: no complainant."""

    id: int
    kind: str
    filed_on: date
    outcome: str
    answer: str
    answered_on: date | None


class TimelineOut(Schema):
    decided_on: date
    complaints_until: date
    standstill_ends_on: date
    complaints: list[ComplaintOut]


def _published_award(request, pk: int):
    tender = _tender(request, pk)
    decision = selectors.award_of(tender)
    if decision is None or not visibility.public(decision, "winner"):
        raise Http404
    return tender, decision


@router.get("/tenders/{pk}/complaints", response={200: TimelineOut, **ERRORS}, auth=ANYONE)
def complaint_timeline(request, pk: int):
    """The award's public timeline: decision, last day for complaints, standstill end, complaints and answers."""
    _, decision = _published_award(request, pk)
    return selectors.timeline(decision)


@router.post("/tenders/{pk}/complaints", response={201: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
def file_complaint(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"kind": "rectification_request" | "market_court_appeal", "grounds": "..."}``"""
    tender, decision = _published_award(request, pk)
    require(request.user, "tendering.complain", tender.procurement)
    data = validated(ComplaintForm, payload)
    return Status(201, services.file_complaint(request.user, decision, data))


@router.post("/complaints/{pk}/answer", response={200: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
def answer_complaint(request, pk: int, payload: dict[str, Any] = Body(...)):
    """``{"outcome": "upheld" | "rejected", "answer": "reasons"}``, by the accountable official."""
    complaint = Complaint.objects.select_related("decision").filter(pk=pk).first()
    if complaint is None:
        raise Http404
    require(request.user, "tendering.decide", _tender(request, complaint.decision.tender_id).procurement)
    data = validated(ComplaintAnswerForm, payload)
    return services.answer_complaint(request.user, complaint, data)


# Service description and minimum requirements: versioned, co-edited, commented.

class CommentOut(Schema):
    """A comment as the public sees it: moderated, without its author."""

    id: int
    text: str
    created_at: datetime

    @staticmethod
    def resolve_text(obj):
        return obj.public_text


class SectionOut(Schema):
    id: int
    number: int
    heading: TranslatedOut
    text: TranslatedOut
    comments: list[CommentOut]

    @staticmethod
    def resolve_comments(obj):
        return list(obj.comments.all())


class VersionSectionOut(Schema):
    number: int
    heading: TranslatedOut
    text: TranslatedOut


class VersionOut(Schema):
    number: int
    published_at: datetime
    sections: list[VersionSectionOut]


class DocumentOut(Schema):
    """The current published version, the list of versions, every comment by section number,
    and for the people who write it the working sections (``null`` for everyone else)."""

    kind: str
    current: VersionOut | None
    versions: list[int]
    comments: dict[int, list[CommentOut]]
    working: list[SectionOut] | None


class SegmentOut(Schema):
    op: str
    text: str


class ChangeOut(Schema):
    number: int
    status: str
    heading: dict[str, list[SegmentOut]]
    text: dict[str, list[SegmentOut]]


class VersionChangesOut(VersionOut):
    changes: list[ChangeOut]


class SectionIn(Schema):
    heading: Any = None
    text: Any = None


class CommentIn(Schema):
    text: str = ""


class RedactionIn(Schema):
    start: int | None = None
    end: int | None = None
    passage: str = ""
    reason: str = ""


def _document_tender(request, pk: int, kind: str) -> Tender:
    """As on the pages: a published tender's documents for its visitors, in preparation for their writers."""
    if kind not in DocumentKind.values:
        raise Http404
    tender = Tender.objects.select_related("procurement").filter(pk=pk).first()
    if tender is None:
        raise Http404
    procurement = visible_procurement(request.user, tender.procurement_id)
    if not tender.is_published and not request.user.has_perm("tendering.edit_documents", procurement):
        raise Http404
    return tender


def _section(request, pk: int) -> DocumentSection:
    section = DocumentSection.objects.select_related("document").filter(pk=pk).first()
    if section is None:
        raise Http404
    _document_tender(request, section.document.tender_id, section.document.kind)
    return section


@router.get("/tenders/{pk}/documents/{kind}", response={200: DocumentOut, **ERRORS}, auth=ANYONE)
def get_document(request, pk: int, kind: str):
    """``kind``: ``service_description`` or ``minimum_requirements``."""
    tender = _document_tender(request, pk, kind)
    document = selectors.document_of(tender, kind)
    sections = list(document.sections.all()) if document else []
    versions = list(document.versions.all()) if document else []
    can_edit = request.user.has_perm("tendering.edit_documents", tender.procurement)
    return {"kind": kind, "current": versions[-1] if versions else None, "versions": [v.number for v in versions],
            "comments": {s.number: list(s.comments.all()) for s in sections if s.comments.all()},
            "working": sections if can_edit else None}


@router.get("/tenders/{pk}/documents/{kind}/versions/{number}", response={200: VersionChangesOut, **ERRORS}, auth=ANYONE)
def get_document_version(request, pk: int, kind: str, number: int):
    """One published version and, section by section and word by word, what changed from the one before."""
    tender = _document_tender(request, pk, kind)
    version = DocumentVersion.objects.filter(document__tender=tender, document__kind=kind, number=number).first()
    if version is None:
        raise Http404
    return {"number": version.number, "published_at": version.published_at, "sections": version.sections,
            "changes": selectors.version_changes(version)}


@router.post("/tenders/{pk}/documents/{kind}/sections", response={201: SectionOut, **ERRORS}, auth=SIGNED_IN)
def add_section(request, pk: int, kind: str, payload: SectionIn):
    """``{"heading": {"fi": "..."}, "text": {"fi": "..."}}`` at the end of the working text."""
    tender = _document_tender(request, pk, kind)
    require(request.user, "tendering.edit_documents", tender.procurement)
    data = validated(SectionForm, payload.dict())
    return Status(201, services.add_section(request.user, tender, kind, data))


@router.put("/sections/{pk}", response={200: SectionOut, **ERRORS}, auth=SIGNED_IN)
def update_section(request, pk: int, payload: SectionIn):
    section = _section(request, pk)
    require(request.user, "tendering.edit_documents", section.document.tender.procurement)
    data = validated(SectionForm, payload.dict(), instance=section)
    return services.update_section(request.user, section, data)


@router.post("/tenders/{pk}/documents/{kind}/publish", response={201: VersionOut, **ERRORS}, auth=SIGNED_IN)
def publish_document(request, pk: int, kind: str):
    """The working text as the next version; 409 ``document_unchanged`` when nothing changed."""
    tender = _document_tender(request, pk, kind)
    require(request.user, "tendering.manage", tender.procurement)
    return Status(201, services.publish_document(request.user, tender, kind))


@router.post("/sections/{pk}/comments", response={201: CommentOut, **ERRORS}, auth=SIGNED_IN)
def comment_section(request, pk: int, payload: CommentIn):
    section = _section(request, pk)
    require(request.user, "tendering.edit_documents", section.document.tender.procurement)
    data = validated(SectionCommentForm, payload.dict())
    return Status(201, services.comment_section(request.user, section, data["text"]))


@router.post("/section-comments/{pk}/redactions", response={201: CommentOut, **ERRORS}, auth=SIGNED_IN)
def redact_comment(request, pk: int, payload: RedactionIn):
    """Hide part of a comment: ``{"start": 10, "end": 24, "reason": "personal_data"}`` or ``{"passage": "...", ...}``."""
    comment = SectionComment.objects.select_related("section__document").filter(pk=pk).first()
    if comment is None:
        raise Http404
    document = comment.section.document
    require(request.user, "tendering.manage", _document_tender(request, document.tender_id, document.kind).procurement)
    data = validated(RedactionForm, payload.dict(), text=comment.text)
    return Status(201, services.redact_comment(request.user, comment, data))


# Bid attachments: sealed like the bid, readable only after opening.

class AttachmentOut(Schema):
    """A sealed attachment as its bidder sees it: that it exists and when it was added."""

    id: int
    added_at: datetime


@router.post("/tenders/{pk}/bid/attachments", response={201: AttachmentOut, **ERRORS}, auth=SIGNED_IN)
def add_attachment(request, pk: int, file: UploadedFile = File(...)):
    """A PDF, DOCX, XLSX, ODT, PNG or JPEG file (recognised by content, at most 10 MB) sealed to
    the caller's organisation's bid until opening."""
    tender = _tender(request, pk)
    require(request.user, "tendering.bid", tender.procurement)
    data = file.read(attachment_rules.MAX_BYTES + 1)
    return Status(201, services.add_attachment(request.user, tender, file.name or "", data))


def _attachment(request, pk: int) -> BidAttachment:
    attachment = BidAttachment.objects.select_related("bid__tender__procurement").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    _tender(request, attachment.bid.tender_id)
    return attachment


@router.delete("/attachments/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
def remove_attachment(request, pk: int):
    attachment = _attachment(request, pk)
    require(request.user, "tendering.bid", attachment.bid.tender.procurement)
    services.remove_attachment(request.user, attachment)
    return Status(204, None)


@router.get("/attachments/{pk}", response={200: None, **ERRORS}, auth=SIGNED_IN)
def download_attachment(request, pk: int):
    """The file after opening, for the authority's people and cleared evaluators (409 ``bids_sealed``, audited, before)."""
    return documents.attachment_response(services.readable_attachment(request.user, _attachment(request, pk)))
