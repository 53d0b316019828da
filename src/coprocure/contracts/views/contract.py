"""The procurement's contracts, a contract's page, its parties, documents and amendments, and the
contract made from an award."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.models import Phase
from coprocure.core.selectors import visible_procurement
from coprocure.domain import notice_kinds, reporting
from coprocure.domain.errors import DomainError
from coprocure.tendering import selectors as tendering_selectors
from coprocure.web.forms import form_page, posted

from .. import award, selectors, services
from ..forms import AmendmentForm, ContractForm, DocumentForm, PartyForm
from ._common import FORM, contract_form, form_context, require


def procurement_contracts(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    return render(request, "contracts/procurement.html", {
        "procurement": procurement, "contracts": selectors.contracts_of(procurement),
        "can_manage": request.user.has_perm("contracts.manage", procurement) and procurement.phase == Phase.CONTRACT,
    })


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request, "contracts.manage", procurement)
    return form_page(
        request, ContractForm(posted(request)), template=FORM,
        context=form_context(_("New contract"), procurement=procurement),
        save=lambda data: services.create_contract(request.user, procurement, data),
        success=_("The contract was created. Now add the providers as parties."),
        next_url=lambda saved: reverse("contract_detail", args=[saved.pk]),
    )


def contract_detail(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    procurement = contract.procurement
    return render(request, "contracts/detail.html", {
        "contract": contract, "procurement": procurement,
        "decisions": selectors.decisions_of(contract), "carried_over": selectors.carried_over(contract),
        "report_flags": selectors.report_flags(contract), "reporting_days": reporting.REPORTING_DAYS,
        "can_manage": request.user.has_perm("contracts.manage", procurement),
        "can_decide": request.user.has_perm("contracts.decide", procurement),
        "can_notice": _offers_modification_notice(request.user, procurement),
    })


def _offers_modification_notice(user, procurement) -> bool:
    """Whether the amendments link to their modification notice (38): for those who see the
    notices, when the procurement's value calls for one at all."""
    if not user.has_perm("notices.view", procurement):
        return False
    try:
        return notice_kinds.notice_for(procurement.estimated_value, notice_kinds.Stage.MODIFICATION) is not None
    except DomainError:  # no estimated value: no notice can be chosen
        return False


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request, pk: int):
    return contract_form(request, pk, PartyForm, title=_("Add a party"), success=_("The party was added."),
                         save=lambda contract, data: services.add_party(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk: int):
    return contract_form(request, pk, DocumentForm, title=_("Add a document"), success=_("The document was added."),
                         save=lambda contract, data: services.add_document(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def amendment_add(request, pk: int):
    return contract_form(
        request, pk, AmendmentForm, title=_("Amend the contract"), success=_("The amendment was recorded."),
        intro=_("Every amendment needs a reason and the recorded decision that approved it."),
        save=lambda contract, data: services.amend_contract(request.user, contract, data), needs_contract=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_contract(request, pk: int):
    """After the standstill: the contract with the winning bid's organisations, and the
    procurement moves to the contract phase, in one step."""
    tender = tendering_selectors.visible_tender(request.user, pk)
    decision = tendering_selectors.published_award(tender)
    require(request, "tendering.decide", tender.procurement)
    intro = _("The winning bid's organisations become the parties, and the tender's objectives and quality "
              "criteria, with what the winner committed to, are added to the description. This is possible "
              "once the standstill period has ended and every complaint has been answered.")
    return form_page(
        request, ContractForm(posted(request)), template=FORM,
        context=form_context(_("Make the contract with the winning bidder"), procurement=tender.procurement,
                             intro=intro),
        save=lambda data: award.conclude_award(request.user, decision, data),
        success=_("The contract was made and the procurement moved to the contract phase."),
        next_url=lambda saved: reverse("procurement_contracts", args=[tender.procurement_id]),
    )
