"""The development backlog: anyone's proposals, the public trail, and staff decisions and moderation."""

from __future__ import annotations

from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.core.moderation import RedactionForm
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services
from ..forms import IdeaLookupForm, ProposalDecisionForm, ProposalForm
from coprocure.api.schemas import RedactionIn

from ..schemas import IdeaOut, ProposalDecisionIn, ProposalIn, ProposalOut
from . import router
from ._common import contract_by_pk, idea_by_reference, procurement_of, proposal_by_pk


@router.post("/contracts/{pk}/proposals", response={201: ProposalOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE)
@decorate_view(rate_limited("proposal"))
@permitted(None, load=contract_by_pk)
def submit_proposal(request, pk: int, payload: ProposalIn):
    """Anyone may send a proposal; without sign-in it is stored anonymously (no user, no address)."""
    data = validated(ProposalForm, payload.dict())
    submitter = request.user if request.user.is_authenticated else None
    return Status(201, services.submit_proposal(target(request), data, submitter))


@router.get("/contracts/{pk}/you-said-we-did", response={200: list[ProposalOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=contract_by_pk)
def trail(request, pk: int):
    return list(selectors.trail_of(target(request)))


@router.get("/ideas/{reference}", response={200: IdeaOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=idea_by_reference)
def idea(request, reference: str):
    """Follow an idea by the reference given when it was sent (``IDEA-2026-K3M9QX``; small
    letters, spaces and missing dashes are fine): its status always, its text once checked.
    A mistyped reference is 422 ``reference``, an unknown one 404."""
    return target(request) or validated(IdeaLookupForm, {"reference": reference})


@router.post("/proposals/{pk}/decision", response={200: ProposalOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=proposal_by_pk, of=procurement_of)
def decide_proposal(request, pk: int, payload: ProposalDecisionIn):
    proposal = target(request)
    data = validated(ProposalDecisionForm, payload.dict(), instance=proposal)
    return services.decide_proposal(request.user, proposal, data)


@router.post("/proposals/{pk}/publication", response={200: ProposalOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=proposal_by_pk, of=procurement_of)
def publish_proposal(request, pk: int):
    """Staff have checked the text: show the idea on the public trail as received (a decision
    through ``/decision`` publishes it too). Publishing twice changes nothing."""
    return services.publish_proposal(request.user, target(request))


@router.post("/proposals/{pk}/redactions", response={201: ProposalOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=proposal_by_pk, of=procurement_of)
def redact_proposal(request, pk: int, payload: RedactionIn):
    """Hide part of a proposal's public text: ``{"start": 10, "end": 24, "reason": "personal_data"}``
    or ``{"passage": "...", "reason": ...}``; a range outside the text is 422 ``redaction_out_of_range``."""
    proposal = target(request)
    data = validated(RedactionForm, payload.dict(), text=proposal.text)
    return Status(201, services.redact_proposal(request.user, proposal, data))
