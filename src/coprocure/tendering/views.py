"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.core import visibility
from coprocure.core.models import Procurement
from coprocure.core.selectors import visible_procurement
from coprocure.domain import attachments as attachment_rules
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.partners import selectors as partner_selectors
from coprocure.web.pdf import pdf_response
from coprocure.web.forms import posted, save_form

from . import documents, selectors, services
from coprocure.core.moderation import redaction_page

from .forms import (
    AnswerForm, AwardForm, BidForm, ClarificationForm, ComplaintAnswerForm, ComplaintForm, ConflictForm, CriterionForm,
    AttachmentForm, ExcludeForm, LotForm, ObjectiveForm, ScoreForm, SectionCommentForm, SectionForm, SettleForm, TenderForm,
)
from .models import Bid, BidAttachment, Clarification, Complaint, DocumentKind, DocumentSection, DocumentVersion, SectionComment, Tender


def _require(request, permission: str, procurement: Procurement) -> None:
    if not request.user.has_perm(permission, procurement):
        raise PermissionDenied


def _tender(request, pk: int) -> Tender:
    """A tender its procurement's visitors may see: published, or a draft for its own staff."""
    tender = Tender.objects.select_related("procurement__authority").filter(pk=pk).first()
    if tender is None or not request.user.has_perm("tendering.view", tender.procurement):
        raise Http404
    if not tender.is_published and not request.user.has_perm("tendering.manage", tender.procurement):
        raise Http404
    return tender


def _posted(request, model_or_queryset, name: str, **filters):
    """The object a button's hidden field names; 404 for anything missing or malformed."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return get_object_or_404(model_or_queryset, pk=int(value), **filters)


def _tender_url(tender: Tender) -> str:
    return reverse("tender", args=[tender.procurement_id])


def tender_page(request, pk: int, errors: ServiceError | None = None, status: int = 200):
    procurement = visible_procurement(request.user, pk)
    tender = selectors.tender_of(procurement)
    user = request.user
    can_manage = user.has_perm("tendering.manage", procurement)
    can_edit_documents = user.has_perm("tendering.edit_documents", procurement)
    if tender is not None and not tender.is_published and not (can_manage or can_edit_documents):
        tender = None
    award = selectors.award_of(tender) if tender and tender.is_opened else None
    context = {
        "procurement": procurement,
        "tender": tender,
        "thread": selectors.golden_thread(procurement, tender),
        "can_manage": can_manage,
        "can_publish": user.has_perm("tendering.publish", procurement),
        "can_answer": user.has_perm("tendering.answer", procurement),
        "can_ask": user.has_perm("tendering.ask", procurement),
        "can_bid": user.has_perm("tendering.bid", procurement),
        "can_open": user.has_perm("tendering.open_bids", procurement),
        "can_evaluate": user.has_perm("tendering.evaluate", procurement),
        "can_settle": user.has_perm("tendering.settle", procurement),
        "bids": list(selectors.bids_of(tender)) if tender and (can_manage or user.has_perm("tendering.open_bids", procurement)) else None,
        "own_bids": selectors.own_bids(tender, user.organisation_id) if tender and user.is_authenticated else [],
        "award": award if award and visibility.may_show(user, award, "winner") else None,
        "award_winners": services.lot_winners(award) if award and visibility.public(award, "winner") else [],
        "documents": selectors.current_versions(tender) if tender else {},
        "can_edit_documents": can_edit_documents,
        "errors": errors,
    }
    return render(request, "tendering/tender.html", context, status=status)


def _act(request, tender: Tender, action, success: str):
    """Run a button's service; on refusal show the tender page again with the reason and its status."""
    try:
        action()
    except ServiceError as error:
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    messages.success(request, success)
    return redirect(_tender_url(tender))


def _form_page(request, form, *, title: str, procurement: Procurement, save, success: str, next_url, extra=None):
    if request.method == "POST":
        saved = save_form(form, save)
        if saved:
            messages.success(request, success)
            return redirect(next_url)
    context = {"form": form, "title": title, "procurement": procurement, **(extra or {})}
    return render(request, "tendering/form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def tender_edit(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require(request, "tendering.manage", procurement)
    tender = Tender.objects.filter(procurement=procurement).first()
    form = TenderForm(posted(request), instance=tender)
    return _form_page(
        request, form, title=_("Invitation to tender"), procurement=procurement,
        save=lambda data: services.save_tender(request.user, procurement, data),
        success=_("The invitation to tender was saved."), next_url=reverse("tender", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require(request, "tendering.manage", procurement)
    form = ObjectiveForm(posted(request), procurement=procurement)
    return _form_page(
        request, form, title=_("New objective"), procurement=procurement,
        save=lambda data: services.create_objective(request.user, procurement, data),
        success=_("The objective was added."), next_url=reverse("tender", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request, pk: int):
    tender = _tender(request, pk)
    _require(request, "tendering.manage", tender.procurement)
    form = CriterionForm(posted(request), procurement=tender.procurement)
    return _form_page(
        request, form, title=_("New quality criterion"), procurement=tender.procurement,
        save=lambda data: services.add_criterion(request.user, tender, data),
        success=_("The quality criterion was added."), next_url=_tender_url(tender),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lot_add(request, pk: int):
    tender = _tender(request, pk)
    _require(request, "tendering.manage", tender.procurement)
    form = LotForm(posted(request))
    return _form_page(
        request, form, title=_("New lot"), procurement=tender.procurement,
        save=lambda data: services.add_lot(request.user, tender, data),
        success=_("The lot was added."), next_url=_tender_url(tender),
        extra={"intro": _("Split the service into lots when different providers may do different parts. "
                          "Each lot is compared and awarded on its own.")},
    )


@login_required
@require_POST
def tender_publish(request, pk: int):
    tender = _tender(request, pk)
    _require(request, "tendering.publish", tender.procurement)
    return _act(request, tender, lambda: services.publish_tender(request.user, tender),
                _("The invitation to tender was published."))


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request, pk: int):
    tender = _tender(request, pk)
    _require(request, "tendering.ask", tender.procurement)
    form = ClarificationForm(posted(request))
    return _form_page(
        request, form, title=_("Ask a question about the tender"), procurement=tender.procurement,
        save=lambda data: services.ask_question(request.user, tender, data["question"]),
        success=_("Your question was sent. The answer will be shown on the tender page."), next_url=_tender_url(tender),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request, pk: int):
    clarification = get_object_or_404(Clarification.objects.select_related("tender"), pk=pk)
    tender = _tender(request, clarification.tender_id)
    _require(request, "tendering.answer", tender.procurement)
    form = AnswerForm(posted(request), initial={"answer": clarification.answer})
    return _form_page(
        request, form, title=_("Answer a question"), procurement=tender.procurement,
        save=lambda data: services.answer_question(request.user, clarification, data["answer"]),
        success=_("The answer was published."), next_url=_tender_url(tender),
        extra={"clarification": clarification},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_submit(request, pk: int):
    tender = _tender(request, pk)
    _require(request, "tendering.bid", tender.procurement)
    # A consortium formed on the partners' side (?consortium=<id>) fills in the member rows.
    formed = partner_selectors.formed_consortium_members(request.user, tender.procurement, request.GET.get("consortium", ""))
    form = BidForm(posted(request), tender=tender, initial=BidForm.initial_members(formed))
    return _form_page(
        request, form, title=_("Your bid"), procurement=tender.procurement,
        save=lambda data: services.submit_bid(request.user, tender, form.bid_data()),
        success=_("Your bid was sealed and saved. Nobody can read it before the deadline."), next_url=_tender_url(tender),
        extra={"bid_form": True, "tender": tender, "own_bid": selectors.own_bid(tender, request.user.organisation_id)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_attachments(request, pk: int):
    """The bidder's own sealed files: how many and when, never what (the server cannot read them)."""
    tender = _tender(request, pk)
    _require(request, "tendering.bid", tender.procurement)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        # One byte over the limit is enough to refuse, so a huge upload is never read whole.
        data = upload.read(attachment_rules.MAX_BYTES + 1) if upload else b""
        if save_form(form, lambda _data: services.add_attachment(request.user, tender, upload.name, data)):
            messages.success(request, _("The file was sealed and attached to your bid."))
            return redirect("bid_attachments", pk=tender.pk)
        status = 422
    return render(request, "tendering/bid_attachments.html", {
        "tender": tender, "form": form, "max_mb": attachment_rules.MAX_BYTES // (1024 * 1024),
        "own_bid": selectors.own_bid(tender, request.user.organisation_id),
    }, status=status)


@login_required
@require_POST
def attachment_remove(request, pk: int):
    attachment = get_object_or_404(BidAttachment.objects.select_related("bid"), pk=pk)
    tender = _tender(request, attachment.bid.tender_id)
    _require(request, "tendering.bid", tender.procurement)
    try:
        services.remove_attachment(request.user, attachment)
    except ServiceError as error:
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    messages.success(request, _("The file was removed from your bid."))
    return redirect("bid_attachments", pk=tender.pk)


@login_required
def attachment_download(request, pk: int):
    """An opened attachment, always as a download and never sniffed as something else."""
    attachment = get_object_or_404(BidAttachment.objects.select_related("bid__tender__procurement"), pk=pk)
    tender = _tender(request, attachment.bid.tender_id)
    try:
        readable = services.readable_attachment(request.user, attachment)
    except ServiceError as error:
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    return documents.attachment_response(readable)


@login_required
@require_POST
def bid_withdraw(request, pk: int):
    bid = get_object_or_404(Bid, pk=pk)
    tender = _tender(request, bid.tender_id)
    return _act(request, tender, lambda: services.withdraw_bid(request.user, bid), _("Your bid was withdrawn."))


@login_required
@require_POST
def bids_open(request, pk: int):
    tender = _tender(request, pk)
    _require(request, "tendering.open_bids", tender.procurement)
    return _act(request, tender, lambda: services.open_bids(request.user, tender), _("The bids were opened."))


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request, pk: int):
    """An evaluator's own page: first the declaration, then their own scores, blind to others'."""
    tender = _tender(request, pk)
    _require(request, "tendering.evaluate", tender.procurement)
    declaration = tender.declarations.filter(evaluator=request.user).first()
    status = 200
    if declaration is None:
        form = ConflictForm(posted(request))
        if request.method == "POST" and save_form(
            form, lambda data: services.declare_conflict(request.user, tender, data["has_conflict"])
        ):
            messages.success(request, _("Your declaration was recorded."))
            return redirect("evaluation", pk=tender.pk)
        return render(request, "tendering/declaration.html", {"tender": tender, "form": form},
                      status=422 if form.errors else 200)
    if declaration.has_conflict or not tender.is_opened:
        return render(request, "tendering/evaluation.html", {"tender": tender, "declaration": declaration})
    bids = [b for b in selectors.bids_of(tender) if not b.is_withdrawn and not b.exclusion_reason]
    criteria = list(tender.criteria.all())
    posted_key = None
    failed = None
    if request.method == "POST":
        bid = _posted(request, Bid, "bid", tender=tender)
        criterion = _posted(request, tender.criteria, "criterion")
        posted_key = (bid.pk, criterion.pk)
        failed = ScoreForm(request.POST, prefix=f"s{bid.pk}-{criterion.pk}")
        if save_form(failed, lambda data: services.record_score(
                request.user, bid, criterion, data["score"], data["justification"])):
            messages.success(request, _("Your score was saved."))
            return redirect("evaluation", pk=tender.pk)
        status = 422
    own = selectors.own_scores(tender, request.user)
    finals = selectors.final_scores(tender)
    rows = []
    for bid in bids:
        cells = []
        for criterion in criteria:
            key = (bid.pk, criterion.pk)
            mine = own.get(key)
            form = failed if key == posted_key else ScoreForm(
                prefix=f"s{bid.pk}-{criterion.pk}",
                initial={"score": mine.score, "justification": mine.justification} if mine else None,
            )
            cells.append({"criterion": criterion, "form": form, "mine": mine, "final": finals.get(key),
                          "answer": (bid.answers or {}).get(criterion.key, "")})
        rows.append({"bid": bid, "cells": cells})
    return render(request, "tendering/evaluation.html",
                  {"tender": tender, "declaration": declaration, "rows": rows}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settlement(request, pk: int):
    """The official's view of every score, shown only once the whole panel has scored."""
    tender = _tender(request, pk)
    _require(request, "tendering.settle", tender.procurement)
    if not tender.is_opened:
        error = services.refuse_sealed(request.user, tender, "settlement_page")
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    status, posted_key, failed = 200, None, None
    requirements = selectors.requirement_choices(tender)
    if request.method == "POST":
        bid = _posted(request, Bid, "bid", tender=tender)
        if request.POST.get("action") == "exclude":
            failed = ExcludeForm(request.POST, prefix=f"x{bid.pk}", requirements=requirements)
            posted_key = (bid.pk, None)
            saved = save_form(failed, lambda data: services.exclude_bid(
                request.user, bid, data["reason"], data.get("requirement")))
        else:
            criterion = _posted(request, tender.criteria, "criterion")
            posted_key = (bid.pk, criterion.pk)
            failed = SettleForm(request.POST, prefix=f"f{bid.pk}-{criterion.pk}")
            saved = save_form(failed, lambda data: services.settle_score(
                request.user, bid, criterion, data["consensus"], data["reason"] or ""))
        if saved:
            messages.success(request, _("Saved."))
            return redirect("settlement", pk=tender.pk)
        status = 422
    bids = [b for b in selectors.bids_of(tender) if not b.is_withdrawn]
    criteria = list(tender.criteria.all())
    scores, finals = selectors.all_scores(tender), selectors.final_scores(tender)
    panel = services.panel(tender)
    number = {user.pk: index for index, user in enumerate(panel, start=1)}
    rows = []
    for bid in bids:
        cells = []
        for criterion in criteria:
            key = (bid.pk, criterion.pk)
            complete = services.scoring_complete(tender, bid, criterion)
            cells.append({
                "criterion": criterion, "final": finals.get(key), "complete": complete,
                "scores": [(number.get(s.evaluator_id), s) for s in scores.get(key, [])] if complete else [],
                "form": failed if posted_key == key else SettleForm(prefix=f"f{bid.pk}-{criterion.pk}"),
            })
        exclude = failed if posted_key == (bid.pk, None) else ExcludeForm(prefix=f"x{bid.pk}", requirements=requirements)
        rows.append({"bid": bid, "cells": cells, "exclude_form": exclude})
    return render(request, "tendering/settlement.html",
                  {"tender": tender, "rows": rows, "panel_size": len(panel)}, status=status)


@require_http_methods(["GET", "POST"])
def award(request, pk: int):
    """The comparison and the decision: public once published, the officials' workspace before."""
    tender = _tender(request, pk)
    decision = selectors.award_of(tender)
    can_decide = request.user.has_perm("tendering.decide", tender.procurement)
    if not can_decide and (decision is None or not visibility.public(decision, "winner")):
        raise Http404
    form = None
    status = 200
    comparison = None
    problem = None
    if decision is None:
        form = AwardForm(posted(request), authority=tender.procurement.authority,
                         initial={"accountable_official": tender.procurement.accountable_official_id})
        if request.method == "POST":
            if save_form(form, lambda data: services.decide_award(request.user, tender, data)):
                messages.success(request, _("The award decision was recorded. Publish it when it is final."))
                return redirect("award", pk=tender.pk)
            status = 422
        try:
            comparison = services.compare(tender) if tender.is_opened else None
        except DomainError as error:
            # What is still missing before a decision can be made (a final score, any bid).
            problem = ServiceError.from_domain(error, status=409)
    elif request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        try:
            services.publish_award(request.user, decision)
        except ServiceError as error:
            problem, status = error, error.status
        else:
            messages.success(request, _("The award was published with its whole comparison."))
            return redirect("award", pk=tender.pk)
    document = selectors.published_comparison(decision) if decision else None
    names = {f"b{bid.pk}": bid.lead.name for bid in selectors.bids_of(tender)}
    criteria = {criterion.key: criterion for criterion in tender.criteria.all()}
    if document:
        rankings = _rankings(tender, document["comparison"], names)
    else:
        rankings = _rankings(tender, None, names, comparison or ())
    return render(request, "tendering/award.html", {
        "tender": tender, "decision": decision, "form": form, "can_decide": can_decide, "problem": problem,
        "timeline": selectors.timeline(decision) if decision else None,
        "can_complain": request.user.has_perm("tendering.complain", tender.procurement),
        "rankings": rankings,
        "winners": services.lot_winners(decision) if decision else [],
        "evaluations": [{**item, "bid_name": names[item["bid"]], "criterion": criteria[item["criterion"]]}
                        for item in (document["evaluations"] if document else [])],
    }, status=status)


def _rankings(tender: Tender, published: dict | None, names: dict, results=()) -> list[dict]:
    """Each lot's ranking rows, from the published comparison or a fresh one; a tender without
    lots has one ranking with no lot."""
    lots = {lot.key: lot for lot in tender.lots.all()}
    if published is None:
        pairs = [(lot, result.ranking) for lot, result in results]
    elif "lots" in published:
        pairs = [(entry["lot"], entry["ranking"]) for entry in published["lots"]]
    else:
        pairs = [(None, published["ranking"])]
    return [{"lot": lots.get(lot) if lot else None, "rows": [_ranked(row, names) for row in rows]}
            for lot, rows in pairs]


def _ranked(row, names: dict) -> dict:
    """A ranking row from the published document (strings) or a fresh comparison (decimals)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return {"rank": get("rank"), "bid": names.get(get("bid_id"), get("bid_id")),
            "price_points": Decimal(get("price_points")), "quality_total": Decimal(get("quality_total")),
            "total": Decimal(get("total"))}


def _published_award(tender: Tender):
    decision = selectors.award_of(tender)
    if decision is None or not visibility.public(decision, "winner"):
        raise Http404
    return decision


@login_required
@require_http_methods(["GET", "POST"])
def complaint_file(request, pk: int):
    tender = _tender(request, pk)
    decision = _published_award(tender)
    _require(request, "tendering.complain", tender.procurement)
    form = ComplaintForm(posted(request))
    return _form_page(
        request, form, title=_("Complain about the award decision"), procurement=tender.procurement,
        save=lambda data: services.file_complaint(request.user, decision, data),
        success=_("Your complaint was received. The answer will be shown on the award page."),
        next_url=reverse("award", args=[tender.pk]),
        extra={"intro": _("A request for rectification asks the authority to correct its own decision. "
                          "An appeal is made to the Market Court; record it here so that the contract waits for it.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk: int):
    complaint = get_object_or_404(Complaint.objects.select_related("decision"), pk=pk)
    tender = _tender(request, complaint.decision.tender_id)
    _require(request, "tendering.decide", tender.procurement)
    form = ComplaintAnswerForm(posted(request))
    return _form_page(
        request, form, title=_("Answer a complaint"), procurement=tender.procurement,
        save=lambda data: services.answer_complaint(request.user, complaint, data),
        success=_("The answer was recorded and is shown on the award page."), next_url=reverse("award", args=[tender.pk]),
        extra={"intro": complaint.grounds},
    )


def tender_pdf(request, pk: int):
    """The invitation to tender as a PDF, for everyone who may see the tender."""
    tender = _tender(request, pk)
    return pdf_response(request, "tendering/pdf/invitation.html", {
        "tender": tender, "criteria": list(tender.criteria.all()), "formulas": selectors.FORMULAS,
        "documents": selectors.current_versions(tender),
    }, f"tarjouspyynto-{tender.procurement_id}.pdf")


def award_pdf(request, pk: int):
    """The award decision document: public once published, for the deciding officials before."""
    tender = _tender(request, pk)
    decision = selectors.award_of(tender)
    if decision is None or (not visibility.public(decision, "winner")
                            and not request.user.has_perm("tendering.decide", tender.procurement)):
        raise Http404
    names = {f"b{bid.pk}": bid.lead.name for bid in selectors.bids_of(tender)}
    return pdf_response(request, "tendering/pdf/award.html", {
        "tender": tender, "decision": decision, "criteria": list(tender.criteria.all()),
        "timeline": selectors.timeline(decision),
        "rankings": _rankings(tender, decision.comparison, names),
        "winners": services.lot_winners(decision),
    }, f"hankintapaatos-{tender.procurement_id}.pdf")


# Service description and minimum requirements ------------------------------------------------

def _document_tender(request, pk: int, kind: str) -> Tender:
    """A tender whose documents the visitor may see: published, or in preparation for the
    people who write them (staff and invited user representatives)."""
    if kind not in DocumentKind.values:
        raise Http404
    tender = Tender.objects.select_related("procurement__authority").filter(pk=pk).first()
    if tender is None:
        raise Http404
    procurement = tender.procurement
    if request.user.has_perm("tendering.edit_documents", procurement):
        return tender
    if not tender.is_published or not request.user.has_perm("tendering.view", procurement):
        raise Http404
    return tender


def _document_url(tender_id: int, kind: str) -> str:
    return reverse("tender_document", args=[tender_id, kind])


def _section(request, pk: int) -> DocumentSection:
    section = get_object_or_404(DocumentSection.objects.select_related("document"), pk=pk)
    _document_tender(request, section.document.tender_id, section.document.kind)
    return section


@require_http_methods(["GET", "POST"])
def tender_document(request, pk: int, kind: str, errors: ServiceError | None = None, status: int = 200):
    """The current published version with its comments, the versions, and for the people who
    write it the working text. POST publishes the working text as a new version."""
    tender = _document_tender(request, pk, kind)
    procurement = tender.procurement
    can_publish = request.user.has_perm("tendering.manage", procurement)
    if request.method == "POST":
        _require(request, "tendering.manage", procurement)
        try:
            services.publish_document(request.user, tender, kind)
        except ServiceError as error:
            errors, status = error, error.status
        else:
            messages.success(request, _("The new version was published. The earlier versions are kept."))
            return redirect(_document_url(tender.pk, kind))
    document = selectors.document_of(tender, kind)
    sections = list(document.sections.all()) if document else []
    versions = list(document.versions.all()) if document else []
    comments = {section.number: list(section.comments.all()) for section in sections}
    current = versions[-1] if versions else None
    return render(request, "tendering/document.html", {
        "tender": tender, "procurement": procurement, "kind": kind, "title": DocumentKind(kind).label,
        "current": current, "published": [{**section, "comments": comments.get(section["number"], [])}
                                          for section in (current.sections if current else [])],
        "versions": versions, "sections": sections,
        "can_edit": request.user.has_perm("tendering.edit_documents", procurement), "can_publish": can_publish,
        "errors": errors,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request, pk: int, kind: str):
    tender = _document_tender(request, pk, kind)
    _require(request, "tendering.edit_documents", tender.procurement)
    form = SectionForm(posted(request))
    return _form_page(
        request, form, title=_("New section"), procurement=tender.procurement,
        save=lambda data: services.add_section(request.user, tender, kind, data),
        success=_("The section was added. Publish a new version when the text is ready."),
        next_url=_document_url(tender.pk, kind),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int):
    section = _section(request, pk)
    document = section.document
    tender = _document_tender(request, document.tender_id, document.kind)
    _require(request, "tendering.edit_documents", tender.procurement)
    form = SectionForm(posted(request), instance=section)
    return _form_page(
        request, form, title=_("Edit a section"), procurement=tender.procurement,
        save=lambda data: services.update_section(request.user, section, data),
        success=_("The section was saved. Publish a new version when the text is ready."),
        next_url=_document_url(tender.pk, document.kind),
    )


def document_version(request, pk: int, kind: str, number: int):
    """One published version and what changed from the version before it."""
    tender = _document_tender(request, pk, kind)
    version = get_object_or_404(DocumentVersion, document__tender=tender, document__kind=kind, number=number)
    return render(request, "tendering/document_version.html", {
        "tender": tender, "procurement": tender.procurement, "kind": kind, "title": DocumentKind(kind).label,
        "version": version, "changes": selectors.version_changes(version),
    })


@login_required
@require_http_methods(["GET", "POST"])
def section_comment(request, pk: int):
    section = _section(request, pk)
    document = section.document
    tender = _document_tender(request, document.tender_id, document.kind)
    _require(request, "tendering.edit_documents", tender.procurement)
    form = SectionCommentForm(posted(request))
    return _form_page(
        request, form, title=_("Comment on a section"), procurement=tender.procurement,
        save=lambda data: services.comment_section(request.user, section, data["text"]),
        success=_("Your comment was saved and is shown with the document."),
        next_url=_document_url(tender.pk, document.kind), extra={"intro": str(section)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_redact(request, pk: int):
    """Moderation: hide part of a comment's public text with a reason; the original is kept."""
    comment = get_object_or_404(SectionComment.objects.select_related("section__document"), pk=pk)
    document = comment.section.document
    tender = _document_tender(request, document.tender_id, document.kind)
    _require(request, "tendering.manage", tender.procurement)
    return redaction_page(
        request, comment, heading=_("Moderate a comment"), back_url=_document_url(tender.pk, document.kind),
        back_label=str(document), save=lambda data: services.redact_comment(request.user, comment, data),
        again_url=reverse("comment_redact", args=[comment.pk]),
    )
