"""The alliance's development phase: drafts of the target cost, the KRAs and the operating model,
the parties' positions on them and the switch to the service phase. Thin views: selectors to
read, services to write."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.web.forms import act, form_page, posted, require

from . import selectors, services_development as services
from .forms_development import KrasDraftForm, OperatingModelDraftForm, PositionForm, TargetCostDraftForm
from .models import Element
from .views import FORM, _form_context

FORMS = {Element.TARGET_COST: TargetCostDraftForm, Element.KRAS: KrasDraftForm,
         Element.OPERATING_MODEL: OperatingModelDraftForm}


def development(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    phase, rows = selectors.development_of(request.user, contract)
    frozen = phase is not None and phase.frozen_at is not None
    return render(request, "alliance/development.html", {
        "contract": contract, "phase": phase, "frozen": frozen, "parties": contract.parties.order_by("role", "name"),
        "elements": [(value, label, [row for row in rows[value] if row.readable],
                      sum(1 for row in rows[value] if not row.readable)) for value, label in Element.choices],
        "can_develop": not frozen and request.user.has_perm("alliance.develop", contract),
        "can_start": not frozen and request.user.has_perm("alliance.start_service", contract),
    })


def _element(element: str) -> str:
    if element not in Element.values:
        raise Http404
    return element


@login_required
@require_http_methods(["GET", "POST"])
def draft_propose(request, pk: int, element: str):
    contract = selectors.visible_alliance(request.user, pk)
    element = _element(element)
    require(request, "alliance.develop", contract)
    extra = {}
    if element == Element.KRAS:
        newest = contract.development_drafts.filter(element=element).order_by("-version").first()
        extra["start"] = newest.kras if newest is not None else []
    return form_page(
        request, FORMS[element](posted(request), **extra), template=FORM, context=_form_context(
            _("Propose a new version: %(element)s") % {"element": Element(element).label}, contract,
            _("Every party of the alliance sees each version and states its position on it. Your party agrees "
              "to the version it proposes.")),
        save=lambda data: services.propose_draft(request.user, contract, element, data),
        success=_("The new version was proposed to every party."),
        next_url=lambda saved: reverse("alliance_development", args=[contract.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_position(request, pk: int):
    draft = selectors.visible_draft(request.user, pk)
    contract = draft.contract
    require(request, "alliance.develop", contract)
    return form_page(
        request, PositionForm(posted(request)), template=FORM, context=_form_context(
            _("Your party's position on version %(version)s: %(element)s") % {
                "version": draft.version, "element": draft.get_element_display()}, contract,
            _("The alliance's parties see each other's positions. The service phase can begin once every party "
              "agrees to the newest version of each draft.")),
        save=lambda data: services.take_position(request.user, draft, data),
        success=_("Your party's position was recorded."),
        next_url=lambda saved: reverse("alliance_development", args=[contract.pk]),
    )


@login_required
@require_POST
def start_service(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    require(request, "alliance.start_service", contract)
    return act(request, lambda: services.start_service_phase(request.user, contract),
               success=_("The service phase began: the agreed target cost and KRAs are now the contract's terms."),
               next_url=reverse("alliance_development", args=[contract.pk]))
