"""The development backlog: the public's proposal form and trail, staff decisions and moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.core.moderation import redaction_page
from coprocure.web.forms import form_page, posted, save_form
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services
from ..forms import IdeaLookupForm, ProposalDecisionForm, ProposalForm
from ._common import FORM, form_context, require


@require_http_methods(["GET", "POST"])
@rate_limited("proposal")
def proposal_submit(request, pk: int):
    """The public proposal form ("your idea"). Signed-in people's proposals carry their name;
    everyone else's are anonymous."""
    contract = selectors.visible_contract(request.user, pk)
    form = ProposalForm(posted(request))
    submitter = request.user if request.user.is_authenticated else None
    proposal = request.method == "POST" and save_form(
        form, lambda data: services.submit_proposal(contract, data, submitter))
    if proposal:
        return redirect("proposal_thanks", reference=proposal.reference)
    if request.method == "GET":
        form.initial["token"] = services.issue_proposal_token(contract)
    return render(request, "contracts/proposal_form.html", {"contract": contract, "form": form, "anonymous": submitter is None},
                  status=422 if form.errors else 200)


def proposal_thanks(request, reference: str):
    """The thank-you page gives the idea's reference and where it can be followed."""
    proposal = _by_reference(request, reference)
    return render(request, "contracts/proposal_thanks.html", {"contract": proposal.contract, "proposal": proposal})


def _by_reference(request, reference: str):
    form = IdeaLookupForm({"reference": reference})
    if not form.is_valid():
        raise Http404
    return selectors.proposal_by_reference(request.user, form.cleaned_data["reference"])


def idea_lookup(request):
    """Anyone looks an idea up by its reference: a typo is told apart from an unknown one."""
    form = IdeaLookupForm(request.GET if "reference" in request.GET else None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                proposal = selectors.proposal_by_reference(request.user, form.cleaned_data["reference"])
            except Http404:
                form.add_error("reference", _("No idea has this reference. Check the reference on your thank-you page."))
                status = 404
            else:
                return redirect("idea_status", reference=proposal.reference)
        else:
            status = 422
    return render(request, "contracts/idea_lookup.html", {"form": form}, status=status)


def idea_status(request, reference: str):
    """One idea's public status; its text only once staff have checked it."""
    proposal = _by_reference(request, reference)
    return render(request, "contracts/idea_status.html", {"contract": proposal.contract, "proposal": proposal})


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
@require_POST
def proposal_publish(request, pk: int):
    """Staff have read the text (and hidden what needed hiding): show it on the public trail as received."""
    proposal = _managed_proposal(request, pk)
    services.publish_proposal(request.user, proposal)
    messages.success(request, _("The idea is now shown publicly with its status."))
    return redirect("contract_backlog", pk=proposal.contract_id)


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
