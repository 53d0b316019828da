"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.core.selectors import visible_procurement
from coprocure.errors import ServiceError
from coprocure.web.forms import posted, save_form

from . import selectors, services
from .forms import (
    AmendmentForm, CompensationForm, ContractForm, DecisionForm, DocumentForm, MeetingForm, MemberForm, MinutesForm,
    PartyForm,
)
from .models import Contract


def _require(request, permission: str, procurement) -> None:
    if not request.user.has_perm(permission, procurement):
        raise PermissionDenied


def _form_page(request, form, *, title: str, contract: Contract | None, procurement, save, success: str, next_url,
               intro: str = ""):
    """Render a staff form; on a valid POST run the service and go to ``next_url(saved)``."""
    if request.method == "POST":
        saved = save_form(form, save)
        if saved:
            messages.success(request, success)
            return redirect(next_url(saved))
    context = {"form": form, "title": title, "contract": contract, "procurement": procurement, "intro": intro}
    return render(request, "contracts/form.html", context, status=422 if form.errors else 200)


def procurement_contracts(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    return render(request, "contracts/procurement.html", {
        "procurement": procurement, "contracts": selectors.contracts_of(procurement),
        "can_manage": request.user.has_perm("contracts.manage", procurement) and procurement.phase == "contract",
    })


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require(request, "contracts.manage", procurement)
    form = ContractForm(posted(request))
    return _form_page(
        request, form, title=_("New contract"), contract=None, procurement=procurement,
        save=lambda data: services.create_contract(request.user, procurement, data),
        success=_("The contract was created. Now add the providers as parties."),
        next_url=lambda saved: reverse("contract_detail", args=[saved.pk]),
    )


def contract_detail(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    procurement = contract.procurement
    return render(request, "contracts/detail.html", {
        "contract": contract, "procurement": procurement,
        "decisions": selectors.decisions_of(contract),
        "can_manage": request.user.has_perm("contracts.manage", procurement),
        "can_decide": request.user.has_perm("contracts.decide", procurement),
        "can_read_confidential": selectors.can_read_confidential(request.user, contract),
    })


def _contract_form(request, pk: int, form_class, *, title: str, save, success: str, permission="contracts.manage",
                   intro: str = "", needs_contract: bool = False):
    contract = selectors.visible_contract(request.user, pk)
    _require(request, permission, contract.procurement)
    form = form_class(posted(request), **({"contract": contract} if needs_contract else {}))
    return _form_page(
        request, form, title=title, contract=contract, procurement=contract.procurement, intro=intro,
        save=lambda data: save(contract, data), success=success,
        next_url=lambda saved: reverse("contract_detail", args=[contract.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request, pk: int):
    return _contract_form(request, pk, PartyForm, title=_("Add a party"), success=_("The party was added."),
                          save=lambda contract, data: services.add_party(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk: int):
    return _contract_form(request, pk, DocumentForm, title=_("Add a document"), success=_("The document was added."),
                          save=lambda contract, data: services.add_document(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def amendment_add(request, pk: int):
    return _contract_form(
        request, pk, AmendmentForm, title=_("Amend the contract"), success=_("The amendment was recorded."),
        intro=_("Every amendment needs a reason and the recorded decision that approved it."),
        save=lambda contract, data: services.amend_contract(request.user, contract, data), needs_contract=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    return _contract_form(
        request, pk, MemberForm, title=_("Add a steering group member"), success=_("The member was added."),
        save=lambda contract, data: services.add_member(request.user, contract, data), needs_contract=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    return _contract_form(
        request, pk, MeetingForm, title=_("Schedule a meeting"), success=_("The meeting was scheduled."),
        save=lambda contract, data: services.schedule_meeting(request.user, contract, data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    return _contract_form(
        request, pk, DecisionForm, title=_("Record a decision"), success=_("The decision was recorded."),
        permission="contracts.decide",
        intro=_("Say what was decided, why, and whose proposal it was. The accountable official must be an official of the contracting authority."),
        save=lambda contract, data: services.record_decision(request.user, contract, data), needs_contract=True,
    )


def meeting_detail(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    procurement = meeting.contract.procurement
    can_manage = request.user.has_perm("contracts.manage", procurement)
    return render(request, "contracts/meeting.html", {
        "meeting": meeting, "contract": meeting.contract, "can_manage": can_manage,
        "can_read_confidential": can_manage,
    })


@login_required
@require_POST
def agenda_publish(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    _require(request, "contracts.manage", meeting.contract.procurement)
    try:
        services.publish_agenda(request.user, meeting)
    except ServiceError as error:
        for items in error.errors.values():
            for _code, message in items:
                messages.error(request, message)
    else:
        messages.success(request, _("The agenda is now public."))
    return redirect("meeting_detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    _require(request, "contracts.manage", meeting.contract.procurement)
    form = MinutesForm(posted(request), instance=meeting)
    return _form_page(
        request, form, title=_("Minutes and attendance"), contract=meeting.contract,
        procurement=meeting.contract.procurement,
        save=lambda data: services.record_minutes(request.user, meeting, data), success=_("The minutes were saved."),
        next_url=lambda saved: reverse("meeting_detail", args=[meeting.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def compensation_add(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    _require(request, "contracts.manage", meeting.contract.procurement)
    form = CompensationForm(posted(request), meeting=meeting)
    return _form_page(
        request, form, title=_("Record a fee"), contract=meeting.contract, procurement=meeting.contract.procurement,
        intro=_("Experts by experience and peers are paid for their time in meetings."),
        save=lambda data: services.record_compensation(request.user, meeting, data), success=_("The fee was recorded."),
        next_url=lambda saved: reverse("meeting_detail", args=[meeting.pk]),
    )


def decision_detail(request, pk: int):
    decision = selectors.visible_decision(request.user, pk)
    return render(request, "contracts/decision.html", {
        "decision": decision, "contract": decision.contract,
        "can_read_confidential": selectors.can_read_confidential(request.user, decision.contract),
    })
