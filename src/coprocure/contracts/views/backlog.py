"""The development backlog: the public's proposal form and trail, staff decisions and moderation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.moderation import redaction_page
from coprocure.web.forms import form_page, posted, save_form
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services
from ..forms import ProposalDecisionForm, ProposalForm
from ._common import FORM, form_context, require


@require_http_methods(["GET", "POST"])
@rate_limited("proposal")
def proposal_submit(request, pk: int):
    """The public proposal form ("your idea"). Signed-in people's proposals carry their name;
    everyone else's are anonymous."""
    contract = selectors.visible_contract(request.user, pk)
    form = ProposalForm(posted(request))
    submitter = request.user if request.user.is_authenticated else None
    if request.method == "POST" and save_form(form, lambda data: services.submit_proposal(contract, data, submitter)):
        return redirect("proposal_thanks", pk=contract.pk)
    if request.method == "GET":
        form.initial["token"] = services.issue_proposal_token(contract)
    return render(request, "contracts/proposal_form.html", {"contract": contract, "form": form, "anonymous": submitter is None},
                  status=422 if form.errors else 200)


def proposal_thanks(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return render(request, "contracts/proposal_thanks.html", {"contract": contract})


def you_said_we_did(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return render(request, "contracts/trail.html", {"contract": contract, "proposals": selectors.trail_of(contract)})


@login_required
def backlog(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    require(request, "contracts.manage", contract.procurement)
    return render(request, "contracts/backlog.html", {"contract": contract, "proposals": selectors.proposals_of(contract)})


def _managed_proposal(request, pk: int):
    proposal = selectors.visible_proposal(request.user, pk)
    require(request, "contracts.manage", proposal.contract.procurement)
    return proposal


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decide(request, pk: int):
    proposal = _managed_proposal(request, pk)
    contract = proposal.contract
    return form_page(
        request, ProposalDecisionForm(posted(request), instance=proposal), template=FORM,
        context=form_context(_("Development proposal"), contract=contract, intro=proposal.text),
        save=lambda data: services.decide_proposal(request.user, proposal, data), success=_("The proposal was updated."),
        next_url=lambda saved: reverse("contract_backlog", args=[contract.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_redact(request, pk: int):
    """Moderation: hide part of a proposal's public text with a reason; the original is kept."""
    proposal = _managed_proposal(request, pk)
    return redaction_page(
        request, proposal, heading=_("Moderate a proposal"),
        back_url=reverse("contract_backlog", args=[proposal.contract_id]), back_label=_("Development backlog"),
        save=lambda data: services.redact_proposal(request.user, proposal, data),
        again_url=reverse("proposal_redact", args=[proposal.pk]),
    )
