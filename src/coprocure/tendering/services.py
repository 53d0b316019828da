"""The only code that writes tendering data. Each function checks the actor's permission,
applies the domain rules (``domain.tendering``, ``domain.scoring``), runs in one transaction
and records the change in the audit trail.

Audit entries never contain a bid's price or answers before opening; refused attempts on
sealed content are audited in a transaction of their own, so the refusal is kept even though
the attempted change is not.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import as_person, require
from coprocure.core import moderation, visibility
from coprocure.core import services as core
from coprocure.domain import complaints as complaint_rules
from coprocure.domain import attachments as attachment_rules
from coprocure.domain import documents as document_rules
from coprocure.domain import roles, scoring, translation
from coprocure.domain import tendering as rules
from coprocure.domain.errors import DomainError
from coprocure.domain.roles import Role
from coprocure.errors import ServiceError
from coprocure.core import signals

from . import sealing
from coprocure.participation.models import Insight, InsightStatus

from .models import (
    AwardDecision, Bid, BidAttachment, BidMember, Clarification, Complaint, ConflictDeclaration, DocumentKind, DocumentSection,
    DocumentVersion, FinalScore, Lot, Objective, QualityCriterion, Score, SectionComment, Tender, TenderDocument,
)


def _fail(code: str, field: str | None = None, status: int = 422, **params) -> ServiceError:
    return ServiceError.from_domain(DomainError(code, field, params), status=status)


def _domain(error: DomainError, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(error, status=status)


def refuse_sealed(actor: User | None, tender: Tender, route: str) -> ServiceError:
    """Record an attempt to reach sealed bid content and return the refusal to raise."""
    with transaction.atomic():
        audit.record(actor, "tendering.sealed_access_refused", tender, None, {"route": route})
    return _fail("bids_sealed", status=409)


def _locked_tender(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().select_related("procurement").get(pk=tender.pk)


def _editable(tender: Tender) -> None:
    if tender.is_published:
        raise _fail("tender_published", status=409)


# Objectives and award criteria ------------------------------------------------------------

@transaction.atomic
def create_objective(actor: User, procurement: Procurement, data: dict) -> Objective:
    require(actor, "tendering.manage", procurement)
    insights = list(data.pop("insights", []))
    if any(insight.procurement_id != procurement.pk for insight in insights):
        raise _fail("not_of_this_procurement", "insights")
    objective = Objective.objects.create(procurement=procurement, **data)
    objective.insights.set(insights)
    # An insight that became an objective has been taken up: the people who gave it see so on
    # the "you said, we did" page, with the objective named.
    Insight.objects.filter(pk__in=[i.pk for i in insights], status=InsightStatus.OPEN).update(status=InsightStatus.TAKEN_UP)
    audit.record(actor, "tendering.objective_create", objective, None, {
        "statement": objective.statement, "insights": sorted(i.pk for i in insights),
        "agreed_how": objective.agreed_how, "agreed_on": objective.agreed_on,
    })
    if insights:
        signals.you_said_we_did_changed.send(Objective, procurement=procurement)
    return objective


def _tender_snapshot(tender: Tender) -> dict:
    return {
        "service_description": tender.service_description, "deadline": tender.deadline,
        "consortia_allowed": tender.consortia_allowed, "quality_method": tender.quality_method,
        "tie_rule": tender.tie_rule, "price_weight": tender.price_weight,
    }


@transaction.atomic
def save_tender(actor: User, procurement: Procurement, data: dict) -> Tender:
    """Create the procurement's invitation to tender, or change it while it is a draft."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "tendering.manage", procurement)
    tender = Tender.objects.filter(procurement=procurement).first()
    before = None
    if tender is None:
        tender = Tender(procurement=procurement)
    else:
        _editable(tender)
        before = _tender_snapshot(tender)
    for name, value in data.items():
        setattr(tender, name, value)
    tender.save()
    audit.record(actor, "tendering.tender_save", tender, before, _tender_snapshot(tender))
    return tender


@transaction.atomic
def add_criterion(actor: User, tender: Tender, data: dict) -> QualityCriterion:
    tender = _locked_tender(tender)
    require(actor, "tendering.manage", tender.procurement)
    _editable(tender)
    objectives = list(data.pop("objectives", []))
    if any(objective.procurement_id != tender.procurement_id for objective in objectives):
        raise _fail("not_of_this_procurement", "objectives")
    data.setdefault("ordering", tender.criteria.count() + 1)
    criterion = QualityCriterion.objects.create(tender=tender, **data)
    criterion.objectives.set(objectives)
    audit.record(actor, "tendering.criterion_add", criterion, None, {
        "name": criterion.name, "weight": criterion.weight, "scale_max": criterion.scale_max,
        "objectives": sorted(o.pk for o in objectives),
    })
    return criterion


@transaction.atomic
def add_lot(actor: User, tender: Tender, data: dict) -> Lot:
    """A lot numbered after the last one; lots are fixed when the tender is published."""
    tender = _locked_tender(tender)
    require(actor, "tendering.manage", tender.procurement)
    _editable(tender)
    last = tender.lots.order_by("-number").values_list("number", flat=True).first() or 0
    lot = Lot.objects.create(tender=tender, number=last + 1, **data)
    audit.record(actor, "tendering.lot_add", lot, None, {
        "number": lot.number, "title": lot.title, "estimated_value": lot.estimated_value})
    return lot


def award_criteria(tender: Tender) -> scoring.AwardCriteria:
    return scoring.AwardCriteria(
        price_weight=Decimal(tender.price_weight),
        quality=tuple(
            scoring.QualityCriterion(c.key, Decimal(c.weight), Decimal(c.scale_max)) for c in tender.criteria.all()
        ),
        method=scoring.QualityMethod(tender.quality_method),
        tie_rule=scoring.TieRule(tender.tie_rule),
    )


@transaction.atomic
def publish_tender(actor: User, tender: Tender) -> Tender:
    tender = _locked_tender(tender)
    require(actor, "tendering.publish", tender.procurement)
    _editable(tender)
    try:
        rules.check_award_criteria(award_criteria(tender))
        rules.check_deadline(timezone.now(), tender.deadline)
    except DomainError as error:
        raise _domain(error) from None
    tender.public_key, tender.wrapped_private_key = sealing.new_tender_keys()
    tender.published_at = timezone.now()
    tender.save(update_fields=["public_key", "wrapped_private_key", "published_at", "updated_at"])
    audit.record(actor, "tendering.tender_publish", tender, None, _tender_snapshot(tender))
    return tender


# Service description and minimum requirements ------------------------------------------------

def _documents_open(tender: Tender) -> None:
    # Bidders must all answer the same documents, so nothing changes once bids are due.
    if tender.is_published and timezone.now() >= tender.deadline:
        raise _fail("document_after_deadline", status=409)


def _document(tender: Tender, kind: str) -> TenderDocument:
    try:
        document_rules.check_kind(kind)
    except DomainError as error:
        raise _domain(error) from None
    document, _created = TenderDocument.objects.get_or_create(tender=tender, kind=kind)
    return document


@transaction.atomic
def add_section(actor: User, tender: Tender, kind: str, data: dict) -> DocumentSection:
    """A new section at the end of the working text. ``data``: heading, text."""
    tender = _locked_tender(tender)
    require(actor, "tendering.edit_documents", tender.procurement)
    _documents_open(tender)
    document = _document(tender, kind)
    number = document_rules.next_number(document.sections.values_list("number", flat=True))
    section = DocumentSection.objects.create(document=document, number=number, heading=data["heading"],
                                             text=data["text"], updated_by=actor)
    audit.record(actor, "tendering.section_add", section, None, {"kind": kind, **section.snapshot()})
    return section


@transaction.atomic
def update_section(actor: User, section: DocumentSection, data: dict) -> DocumentSection:
    section = DocumentSection.objects.select_for_update().select_related("document__tender__procurement").get(pk=section.pk)
    tender = section.document.tender
    require(actor, "tendering.edit_documents", tender.procurement)
    _documents_open(tender)
    before = section.snapshot()
    section.heading, section.text, section.updated_by = data["heading"], data["text"], actor
    section.save(update_fields=["heading", "text", "updated_by", "updated_at"])
    audit.record(actor, "tendering.section_update", section, before, section.snapshot())
    return section


@transaction.atomic
def publish_document(actor: User, tender: Tender, kind: str) -> DocumentVersion:
    """Freeze the working text as the next version; earlier versions stay as they were."""
    tender = _locked_tender(tender)
    require(actor, "tendering.manage", tender.procurement)
    _documents_open(tender)
    document = _document(tender, kind)
    sections = [section.snapshot() for section in document.sections.all()]
    latest = document.versions.order_by("-number").first()
    try:
        document_rules.check_publishable(sections, latest.sections if latest else None)
    except DomainError as error:
        raise _domain(error, status=409) from None
    version = DocumentVersion.objects.create(
        document=document, number=(latest.number + 1) if latest else 1, sections=sections, published_by=actor,
        published_at=timezone.now(),
    )
    audit.record(actor, "tendering.document_publish", version, None,
                 {"kind": kind, "version": version.number, "sections": sections})
    return version


def published_requirements(tender: Tender) -> list[int]:
    """The numbers of the minimum requirements in the current published version."""
    version = DocumentVersion.objects.filter(
        document__tender=tender, document__kind=DocumentKind.MINIMUM_REQUIREMENTS).order_by("-number").first()
    return [section["number"] for section in version.sections] if version else []


@transaction.atomic
def comment_section(actor: User, section: DocumentSection, text: str) -> SectionComment:
    section = DocumentSection.objects.select_related("document__tender__procurement").get(pk=section.pk)
    require(actor, "tendering.edit_documents", section.document.tender.procurement)
    comment = SectionComment.objects.create(section=section, author=actor, text=text.strip())
    audit.record(actor, "tendering.section_comment", comment, None, {"section": section.pk, "text": comment.text})
    return comment


@transaction.atomic
def redact_comment(actor: User, comment: SectionComment, data: dict) -> SectionComment:
    """Hide part of a comment's public text with a reason; the original is kept and the author told."""
    comment = SectionComment.objects.select_for_update(of=("self",)).select_related(
        "section__document__tender__procurement", "author").get(pk=comment.pk)
    document = comment.section.document
    require(actor, "tendering.manage", document.tender.procurement)
    redaction = moderation.new_redaction(comment.text, data, actor)
    comment.redactions = [*comment.redactions, redaction]
    comment.save(update_fields=["redactions"])
    audit.record(actor, "tendering.comment_redact", comment, None,
                 {"start": redaction["start"], "end": redaction["end"], "reason": redaction["reason"]})
    author = comment.author
    if author is not None and author.email:
        path = reverse("tender_document", args=[document.tender_id, document.kind])
        transaction.on_commit(lambda: moderation.tell_author(author, comment, redaction["reason"], path))
    return comment


# Clarifications -----------------------------------------------------------------------------

@transaction.atomic
def ask_question(actor: User, tender: Tender, question: str) -> Clarification:
    require(actor, "tendering.ask", tender.procurement)
    if not tender.is_published:
        raise _fail("tender_not_published", status=409)
    if timezone.now() >= tender.deadline:
        raise _fail("deadline_passed", "question", status=409)
    clarification = Clarification.objects.create(tender=tender, question=question, asked_by=actor)
    audit.record(actor, "tendering.question_ask", clarification, None, {"question": question})
    return clarification


@transaction.atomic
def answer_question(actor: User, clarification: Clarification, answer: str) -> Clarification:
    clarification = Clarification.objects.select_for_update().select_related("tender__procurement").get(pk=clarification.pk)
    require(actor, "tendering.answer", clarification.tender.procurement)
    before = {"answer": clarification.answer}
    clarification.answer, clarification.answered_by, clarification.answered_at = answer, actor, timezone.now()
    clarification.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.record(actor, "tendering.question_answer", clarification, before, {"answer": answer})
    return clarification


# Bids -------------------------------------------------------------------------------------

def _bid_window(tender: Tender) -> None:
    try:
        rules.check_can_bid(timezone.now(), tender.deadline, tender.is_published)
    except DomainError as error:
        raise _domain(error, status=409) from None


def _bid_snapshot(bid: Bid) -> dict:
    # Who bids is public to the authority before opening; what they offer is not, so it is
    # never part of an audit entry.
    return {"lead": bid.lead_id, "lot": bid.lot_id,
            "members": sorted((m.organisation_id, m.role) for m in bid.members.all()), "submitted_at": bid.submitted_at}


@transaction.atomic
def submit_bid(actor: User, tender: Tender, data: dict) -> Bid:
    """Seal and store the actor's organisation's bid; a second submission replaces the first.

    ``data``: ``price`` (Decimal), ``answers`` ({criterion key: text}), ``members``
    ([(Organisation, role)]) and, when the tender has lots, ``lot`` (a Lot of this tender; an
    organisation has one bid per lot). Nothing of the content is stored unsealed.
    """
    tender = _locked_tender(tender)
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
    lot = data.get("lot")
    lots = set(tender.lots.values_list("pk", flat=True))
    if lots and lot is None:
        problems.append(DomainError("lot_required", "lot"))
    elif lot is not None and lot.pk not in lots:
        problems.append(DomainError("lot_unknown", "lot"))
    if problems:
        errors: dict = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(_domain(problem).errors[problem.field][0])
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
        raise _fail("not_your_bid", status=403)
    if bid.is_withdrawn:
        raise _fail("bid_withdrawn", status=409)
    _bid_window(bid.tender)
    bid.withdrawn_at = timezone.now()
    bid.save(update_fields=["withdrawn_at"])
    audit.record(actor, "tendering.bid_withdraw", bid, None, {"withdrawn_at": bid.withdrawn_at})
    return bid


@transaction.atomic
def add_attachment(actor: User, tender: Tender, name: str, data: bytes) -> BidAttachment:
    """Seal a file to the actor's organisation's bid. Its name, kind and bytes are stored only
    sealed; the audit entry says only that a file was added."""
    tender = _locked_tender(tender)
    require(actor, "tendering.bid", tender.procurement)
    _bid_window(tender)
    bid = tender.bids.filter(lead=actor.organisation_id, withdrawn_at__isnull=True).first()
    if bid is None:
        raise _fail("attachment_without_bid", status=409)
    try:
        attachment_rules.check_count(bid.attachments.count())
        checked = attachment_rules.check(name, data)
    except DomainError as error:
        raise _domain(error) from None
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
        raise _fail("not_your_bid", status=403)
    _bid_window(bid.tender)
    audit.record(actor, "tendering.attachment_remove", attachment, {"bid": bid.pk}, None)
    attachment.delete()


def readable_attachment(actor: User, attachment: BidAttachment) -> BidAttachment:
    """An opened attachment for the procurement's officials and staff and cleared evaluators;
    before opening the attempt is refused and audited."""
    tender = attachment.bid.tender
    procurement = tender.procurement
    if not (actor.has_perm("tendering.manage", procurement) or actor.has_perm("tendering.evaluate", procurement)):
        raise _fail("attachment_not_allowed", status=403)
    evaluator = actor.has_perm("tendering.evaluate", procurement)
    if not visibility.may_show(actor, attachment, "content", viewer_is_evaluator=evaluator) or attachment.content is None:
        raise refuse_sealed(actor, tender, "attachment")
    if not actor.has_perm("tendering.manage", procurement):
        require_cleared_evaluator(actor, tender)
    return attachment


def open_bids(actor: User, tender: Tender) -> Tender:
    """Unseal every bid that was not withdrawn: the explicit, audited act after the deadline."""
    require(actor, "tendering.open_bids", tender.procurement)
    if not tender.is_published:
        raise _fail("tender_not_published", status=409)
    try:
        rules.check_can_open(timezone.now(), tender.deadline, tender.is_opened)
    except DomainError as error:
        if error.code == "opening_before_deadline":
            raise refuse_sealed(actor, tender, "open_bids") from None
        raise _domain(error, status=409) from None
    return _open(actor, tender)


@transaction.atomic
def _open(actor: User, tender: Tender) -> Tender:
    tender = _locked_tender(tender)
    if tender.is_opened:
        raise _fail("bids_already_opened", status=409)
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
    tender.save(update_fields=["opened_at", "opened_by", "updated_at"])
    audit.record(actor, "tendering.bids_open", tender, None, {"bids": opened, "opened_at": tender.opened_at})
    return tender


# Evaluation -------------------------------------------------------------------------------

def panel(tender: Tender) -> list[User]:
    """Evaluators of the procurement who declared no conflict of interest."""
    declared = set(tender.declarations.filter(has_conflict=False).values_list("evaluator_id", flat=True))
    return list(User.objects.filter(
        pk__in=declared, procurement_roles__procurement=tender.procurement_id, procurement_roles__role=Role.EVALUATOR,
    ).distinct().order_by("pk"))


@transaction.atomic
def declare_conflict(actor: User, tender: Tender, has_conflict: bool) -> ConflictDeclaration:
    require(actor, "tendering.evaluate", tender.procurement)
    if tender.declarations.filter(evaluator=actor).exists():
        raise _fail("already_declared", status=409)
    declaration = ConflictDeclaration.objects.create(tender=tender, evaluator=actor, has_conflict=has_conflict)
    audit.record(actor, "tendering.conflict_declare", declaration, None, {"has_conflict": has_conflict})
    return declaration


def require_cleared_evaluator(actor: User, tender: Tender) -> None:
    """Bids are shown to an evaluator only after a declaration of no conflict."""
    require(actor, "tendering.evaluate", tender.procurement)
    declaration = tender.declarations.filter(evaluator=actor).first()
    if declaration is None:
        raise _fail("conflict_not_declared", status=403)
    if declaration.has_conflict:
        raise _fail("evaluator_has_conflict", status=403)


def _compared(bid: Bid) -> None:
    if not bid.tender.is_opened:
        raise refuse_sealed(None, bid.tender, "evaluation")
    if bid.is_withdrawn or bid.exclusion_reason:
        raise _fail("bid_not_compared", status=409)


@transaction.atomic
def record_score(actor: User, bid: Bid, criterion: QualityCriterion, score: Decimal, justification: str) -> Score:
    bid = Bid.objects.select_related("tender__procurement").get(pk=bid.pk)
    require_cleared_evaluator(actor, bid.tender)
    _compared(bid)
    if criterion.tender_id != bid.tender_id:
        raise _fail("not_of_this_procurement", "criterion")
    if FinalScore.objects.filter(bid=bid, criterion=criterion).exists():
        raise _fail("score_settled", status=409)
    try:
        scoring.check_score(score, Decimal(criterion.scale_max), criterion.key)
    except DomainError as error:
        raise _domain(error) from None
    if not justification.strip():
        raise _fail("justification_required", "justification")
    existing = Score.objects.filter(bid=bid, criterion=criterion, evaluator=actor).first()
    before = None if existing is None else {"score": existing.score, "justification": existing.justification}
    saved, _created = Score.objects.update_or_create(
        bid=bid, criterion=criterion, evaluator=actor, defaults={"score": score, "justification": justification.strip()},
    )
    audit.record(actor, "tendering.score", saved, before, {"score": score, "justification": saved.justification})
    return saved


def scoring_complete(tender: Tender, bid: Bid, criterion: QualityCriterion) -> bool:
    members = {user.pk for user in panel(tender)}
    scored = set(Score.objects.filter(bid=bid, criterion=criterion).values_list("evaluator_id", flat=True))
    return bool(members) and members <= scored


@transaction.atomic
def exclude_bid(actor: User, bid: Bid, reason: str, requirement: int | None = None) -> Bid:
    """Leave a bid out of the comparison with a reason, citing the published minimum
    requirement it fails when that is why."""
    bid = Bid.objects.select_for_update().select_related("tender__procurement").get(pk=bid.pk)
    require(actor, "tendering.settle", bid.tender.procurement)
    if not bid.tender.is_opened:
        raise refuse_sealed(actor, bid.tender, "exclude_bid")
    if hasattr(bid.tender, "award"):
        raise _fail("award_decided", status=409)
    if not reason.strip():
        raise _fail("exclusion_without_reason", "reason")
    try:
        document_rules.check_requirement(requirement, published_requirements(bid.tender))
    except DomainError as error:
        raise _domain(error) from None
    bid.exclusion_reason, bid.failed_requirement = reason.strip(), requirement
    bid.save(update_fields=["exclusion_reason", "failed_requirement"])
    audit.record(actor, "tendering.bid_exclude", bid, None,
                 {"reason": bid.exclusion_reason, "failed_requirement": requirement})
    return bid


@transaction.atomic
def settle_score(actor: User, bid: Bid, criterion: QualityCriterion, consensus: Decimal | None = None,
                 reason: str = "") -> FinalScore:
    """The panel's final score: the mean of every panel member's score, or a recorded consensus."""
    bid = Bid.objects.select_related("tender__procurement").get(pk=bid.pk)
    tender = bid.tender
    require(actor, "tendering.settle", tender.procurement)
    _compared(bid)
    if hasattr(tender, "award"):
        raise _fail("award_decided", status=409)
    if not scoring_complete(tender, bid, criterion):
        raise _fail("scoring_incomplete", status=409)
    members = {user.pk for user in panel(tender)}
    individual = [s.score for s in Score.objects.filter(bid=bid, criterion=criterion, evaluator__in=members)]
    try:
        final = rules.settle(individual, scale_max=Decimal(criterion.scale_max), criterion_id=criterion.key,
                             consensus=consensus, reason=reason)
    except DomainError as error:
        raise _domain(error) from None
    previous = FinalScore.objects.select_for_update().filter(bid=bid, criterion=criterion).first()
    try:
        rules.check_resettle(previous.score if previous else None, final, reason)
    except DomainError as error:
        raise _domain(error) from None
    before = None if previous is None else {"score": previous.score, "method": previous.method, "reason": previous.reason}
    method = scoring.FinalScoreMethod.MEAN if consensus is None else scoring.FinalScoreMethod.CONSENSUS
    settled, _created = FinalScore.objects.update_or_create(
        bid=bid, criterion=criterion,
        defaults={"score": final, "method": method.value, "reason": reason.strip(), "settled_by": actor},
    )
    audit.record(actor, "tendering.score_settle", settled, before,
                 {"bid": bid.pk, "criterion": criterion.pk, "score": final, "method": method.value, "reason": reason})
    return settled


# Award ------------------------------------------------------------------------------------

def compare(tender: Tender) -> scoring.LotComparisons:
    """The MEAT comparison of the opened bids with their settled final scores, lot by lot."""
    finals: dict[int, dict[str, Decimal]] = {}
    for final in FinalScore.objects.filter(bid__tender=tender).select_related("criterion"):
        finals.setdefault(final.bid_id, {})[final.criterion.key] = final.score.normalize()
    bids = [
        scoring.Bid(
            id=f"b{bid.pk}", price=Decimal(bid.price), submitted_at=bid.submitted_at,
            scores=finals.get(bid.pk, {}), exclusion_reason=bid.exclusion_reason or None,
            lot=bid.lot.key if bid.lot else None,
        )
        for bid in tender.bids.filter(withdrawn_at__isnull=True).select_related("lot")
    ]
    return scoring.compare_lots(award_criteria(tender), bids)


def lot_winners(decision: AwardDecision) -> list[tuple[Lot | None, Bid]]:
    """Each lot's winning bid, lots in order; one pair with no lot for a tender without lots."""
    if not decision.lot_winners:
        return [(None, decision.winner)]
    bids = Bid.objects.select_related("lead", "lot").in_bulk(decision.lot_winners.values())
    return sorted(((bids[pk].lot, bids[pk]) for pk in decision.lot_winners.values()), key=lambda pair: pair[0].number)


@transaction.atomic
def decide_award(actor: User, tender: Tender, data: dict) -> AwardDecision:
    """Record the award decision for the bid ranked first (in each lot). ``data``: accountable_official,
    reasons, decided_on, and optionally standstill_ends_on (default 14 days later)."""
    tender = _locked_tender(tender)
    require(actor, "tendering.decide", tender.procurement)
    if not tender.is_opened:
        raise refuse_sealed(actor, tender, "decide_award")
    if AwardDecision.objects.filter(tender=tender).exists():
        raise _fail("award_decided", status=409)
    official = data["accountable_official"]
    try:
        roles.check_accountable(as_person(official), tender.procurement.authority_id)
        standstill = data.get("standstill_ends_on") or rules.standstill_end(data["decided_on"])
        result = compare(tender)
    except DomainError as error:
        raise _domain(error, status=409 if error.code in {"missing_score", "no_bids", "lot_missing"} else 422) from None
    if standstill < data["decided_on"]:
        raise _fail("standstill_before_decision", "standstill_ends_on")
    won = {lot: int(bid_id[1:]) for lot, bid_id in scoring.winners(result).items() if lot is not None}
    winner = Bid.objects.get(pk=int(result[0][1].ranking[0].bid_id[1:]))
    decision = AwardDecision.objects.create(
        tender=tender, winner=winner, accountable_official=official, reasons=data["reasons"],
        decided_on=data["decided_on"], standstill_ends_on=standstill, comparison=scoring.lots_to_json_dict(result),
        lot_winners=won,
    )
    audit.record(actor, "tendering.award_decide", decision, None, {
        "winner": winner.pk, "lot_winners": won, "accountable_official": official.pk, "decided_on": decision.decided_on,
        "standstill_ends_on": decision.standstill_ends_on,
    })
    return decision


@transaction.atomic
def publish_award(actor: User, decision: AwardDecision) -> AwardDecision:
    decision = AwardDecision.objects.select_for_update().select_related("tender__procurement").get(pk=decision.pk)
    require(actor, "tendering.decide", decision.tender.procurement)
    if decision.published_at is not None:
        raise _fail("award_published", status=409)
    decision.published_at = timezone.now()
    decision.save(update_fields=["published_at"])
    audit.record(actor, "tendering.award_publish", decision, None, {"published_at": decision.published_at})
    return decision


# Complaints ---------------------------------------------------------------------------------

def _bidder_organisations(tender: Tender) -> set[int]:
    bids = tender.bids.filter(withdrawn_at__isnull=True)
    return set(bids.values_list("lead_id", flat=True)) | set(
        BidMember.objects.filter(bid__in=bids).values_list("organisation_id", flat=True))


@transaction.atomic
def file_complaint(actor: User, decision: AwardDecision, data: dict) -> Complaint:
    """A bidder's request for rectification or appeal to the Market Court, within the
    procedure's days from the decision. ``data``: kind, grounds."""
    decision = AwardDecision.objects.select_for_update().select_related("tender__procurement").get(pk=decision.pk)
    tender = decision.tender
    require(actor, "tendering.complain", tender.procurement)
    if decision.published_at is None:
        raise _fail("award_not_published", status=409)
    if actor.organisation_id not in _bidder_organisations(tender):
        raise _fail("complaint_not_bidder", status=403)
    try:
        complaint_rules.check_can_file(timezone.localdate(), decision.decided_on, tender.complaint_days)
    except DomainError as error:
        raise _domain(error, status=409) from None
    complaint = Complaint.objects.create(
        decision=decision, kind=data["kind"], grounds=data["grounds"].strip(), organisation_id=actor.organisation_id,
        filed_by=actor, filed_on=timezone.localdate(),
    )
    audit.record(actor, "tendering.complaint_file", complaint, None,
                 {"kind": complaint.kind, "organisation": complaint.organisation_id, "grounds": complaint.grounds})
    return complaint


@transaction.atomic
def answer_complaint(actor: User, complaint: Complaint, data: dict) -> Complaint:
    """The accountable official's decision on a complaint. ``data``: outcome (upheld or
    rejected), answer (the reasons)."""
    complaint = Complaint.objects.select_for_update().select_related("decision__tender__procurement").get(pk=complaint.pk)
    require(actor, "tendering.decide", complaint.decision.tender.procurement)
    if actor.pk != complaint.decision.accountable_official_id:
        raise _fail("complaint_not_accountable", status=403)
    try:
        complaint_rules.check_answer(data["outcome"], data["answer"], not complaint.is_pending)
    except DomainError as error:
        raise _domain(error, status=409 if error.code == "complaint_answered" else 422) from None
    complaint.outcome, complaint.answer = data["outcome"], data["answer"].strip()
    complaint.answered_by, complaint.answered_on = actor, timezone.localdate()
    complaint.save(update_fields=["outcome", "answer", "answered_by", "answered_on"])
    audit.record(actor, "tendering.complaint_answer", complaint, {"outcome": "pending"},
                 {"outcome": complaint.outcome, "answer": complaint.answer})
    return complaint
