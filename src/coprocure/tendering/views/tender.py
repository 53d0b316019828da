"""The tender page, preparing the invitation to tender (objectives, criteria, lots) and
publishing it, and the invitation as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.core import visibility
from coprocure.core.selectors import visible_procurement
from coprocure.core.services import require
from coprocure.errors import ServiceError
from coprocure.web.forms import form_page, posted
from coprocure.web.pdf import pdf_response

from .. import selectors, services
from ..forms import CriterionForm, LotForm, ObjectiveForm, TenderForm
from ..models import Tender

FORM = "tendering/form.html"


def tender_url(tender: Tender) -> str:
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
        # The officials who open the bids are among the staff who manage the tender.
        "bids": list(selectors.bids_of(tender)) if tender and can_manage else None,
        "own_bids": selectors.own_bids(tender, user.organisation_id) if tender and user.is_authenticated else [],
        "award": award if award and visibility.may_show(user, award, "winner") else None,
        "award_winners": services.lot_winners(award) if award and visibility.public(award, "winner") else [],
        "documents": selectors.current_versions(tender) if tender else {},
        "can_edit_documents": can_edit_documents,
        "errors": errors,
    }
    return render(request, "tendering/tender.html", context, status=status)


def act(request, tender: Tender, action, success: str):
    """Run a button's service; on refusal show the tender page again with the reason and its status."""
    try:
        action()
    except ServiceError as error:
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    messages.success(request, success)
    return redirect(tender_url(tender))


@login_required
@require_http_methods(["GET", "POST"])
def tender_edit(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request.user, "tendering.manage", procurement)
    form = TenderForm(posted(request), instance=selectors.tender_of(procurement))
    return form_page(
        request, form, template=FORM, context={"title": _("Invitation to tender"), "procurement": procurement},
        save=lambda data: services.save_tender(request.user, procurement, data),
        success=_("The invitation to tender was saved."), next_url=tender_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request.user, "tendering.manage", procurement)
    form = ObjectiveForm(posted(request), procurement=procurement)
    return form_page(
        request, form, template=FORM, context={"title": _("New objective"), "procurement": procurement},
        save=lambda data: services.create_objective(request.user, procurement, data),
        success=_("The objective was added."), next_url=lambda _objective: reverse("tender", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request, pk: int):
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.manage", tender.procurement)
    form = CriterionForm(posted(request), procurement=tender.procurement)
    return form_page(
        request, form, template=FORM, context={"title": _("New quality criterion"), "procurement": tender.procurement},
        save=lambda data: services.add_criterion(request.user, tender, data),
        success=_("The quality criterion was added."), next_url=lambda _criterion: tender_url(tender),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lot_add(request, pk: int):
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.manage", tender.procurement)
    return form_page(
        request, LotForm(posted(request)), template=FORM, context={
            "title": _("New lot"), "procurement": tender.procurement,
            "intro": _("Split the service into lots when different providers may do different parts. "
                       "Each lot is compared and awarded on its own."),
        },
        save=lambda data: services.add_lot(request.user, tender, data),
        success=_("The lot was added."), next_url=lambda _lot: tender_url(tender),
    )


@login_required
@require_POST
def tender_publish(request, pk: int):
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.publish", tender.procurement)
    return act(request, tender, lambda: services.publish_tender(request.user, tender),
               _("The invitation to tender was published."))


def tender_pdf(request, pk: int):
    """The invitation to tender as a PDF, for everyone who may see the tender."""
    tender = selectors.visible_tender(request.user, pk)
    return pdf_response(request, "tendering/pdf/invitation.html", {
        "tender": tender, "criteria": list(tender.criteria.all()), "formulas": selectors.FORMULAS,
        "documents": selectors.current_versions(tender),
    }, f"tarjouspyynto-{tender.procurement_id}.pdf")
