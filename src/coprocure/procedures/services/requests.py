"""The call for participation, the sealed requests to participate and the selection.

A request is sealed with its call's key exactly as a bid is with its tender's (tendering.sealing),
and the same guarantee holds: before two officials open the requests after the deadline, nobody
but the requesting organisation learns from any route whether a request exists. Audit entries
name who asked, never what a request says before the opening.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError
from coprocure.partners import selectors as partner_selectors
from coprocure.tendering import sealing

from ..models import (CallForParticipation, CandidateSelection, ParticipationRequest, ProcedurePlan,
                      RequirementCheck, SelectionCriterion, SelectionDecision, Stage, SuitabilityRequirement)
from ._common import (decision_fields, fail, refuse_sealed, refused, request_or_open, require_may_open,
                      require_submitting, require_the_accountable, seal_submission, submission_facts,
                      withdraw_submission)


def _locked_call(call: CallForParticipation) -> CallForParticipation:
    return CallForParticipation.objects.select_for_update(of=("self",)).select_related(
        "stage__procurement__authority").get(pk=call.pk)


def _require_draft(procurement) -> None:
    if ProcedurePlan.objects.filter(procurement=procurement, published_at__isnull=False).exists():
        raise fail("procedure_published", status=409)


@transaction.atomic
def save_call(actor: User, stage: Stage, data: dict) -> CallForParticipation:
    """The call's numbers, while the procedure is not yet published."""
    require(actor, "procedures.compose", stage.procurement)
    if stage.kind != rules.StageKind.PARTICIPATION_REQUESTS:
        raise fail("stage_has_no_call", status=409)
    _require_draft(stage.procurement)
    call, created = CallForParticipation.objects.get_or_create(stage=stage)
    before = None if created else {"min": call.min_candidates, "max": call.max_candidates}
    if data.get("max_candidates") is not None and data["max_candidates"] < data["min_candidates"]:
        raise fail("max_below_min", "max_candidates")
    call.min_candidates, call.max_candidates = data["min_candidates"], data.get("max_candidates")
    call.consortia_allowed = data.get("consortia_allowed", True)
    call.save()
    audit.record(actor, "procedures.call_save", call, before, {"min": call.min_candidates, "max": call.max_candidates,
                                                               "consortia_allowed": call.consortia_allowed})
    return call


@transaction.atomic
def add_requirement(actor: User, call: CallForParticipation, text: dict, *, criterion: bool = False):
    """A suitability requirement, or with ``criterion`` an objective selection criterion."""
    call = _locked_call(call)
    require(actor, "procedures.compose", call.procurement)
    _require_draft(call.procurement)
    model = SelectionCriterion if criterion else SuitabilityRequirement
    row = model.objects.create(call=call, number=model.objects.filter(call=call).count() + 1, text=text)
    audit.record(actor, "procedures.criterion_add" if criterion else "procedures.requirement_add", call, None,
                 {"number": row.number, "text": text})
    return row


def open_call(actor: User, stage: Stage) -> CallForParticipation:
    """Called as the stage opens: the call must state what it announces, and gets its key pair."""
    call = CallForParticipation.objects.filter(stage=stage).first()
    if call is None:
        raise fail("call_missing", status=409)
    try:
        rules.check_call(stage.procurement.procedure, call.min_candidates, call.max_candidates,
                         call.criteria.count(), call.requirements.count())
    except DomainError as error:
        raise refused(error, status=409) from None
    call.public_key, call.wrapped_private_key = sealing.new_tender_keys()
    call.save(update_fields=["public_key", "wrapped_private_key"])
    return call


@transaction.atomic
def submit_request(actor: User, call: CallForParticipation, data: dict) -> ParticipationRequest:
    """Seal and store the actor's organisation's request; a second one replaces the first.

    ``data``: ``evidence`` ({requirement number: how it is met}) and ``members``
    ([(Organisation, role)], each having accepted the lead's consortium invitation)."""
    call = _locked_call(call)
    require(actor, "procedures.request", call.procurement)
    require_submitting(call.stage)
    requirements = list(call.requirements.all())
    evidence = {str(key): (text or "").strip() for key, text in (data.get("evidence") or {}).items()}
    missing = [r.number for r in requirements if not evidence.get(str(r.number))]
    if missing:
        raise fail("evidence_required", "evidence", numbers=", ".join(map(str, missing)))
    members = list(data.get("members") or [])
    if members and not call.consortia_allowed:
        raise fail("request_consortia_not_allowed", "members")
    ids = [organisation.pk for organisation, _role in members]
    if actor.organisation_id in ids or len(set(ids)) != len(ids):
        raise fail("member_duplicate", "members")
    confirmed = partner_selectors.consenting_members(call.procurement, actor.organisation_id) if members else set()
    unconfirmed = sorted(o.name for o, _role in members if o.pk not in confirmed)
    if unconfirmed:
        raise fail("request_member_unconfirmed", "members", members=", ".join(unconfirmed))
    content = {"evidence": {str(r.number): evidence[str(r.number)] for r in requirements},
               "members": [[o.pk, o.name, role.strip()] for o, role in members]}
    request, before = seal_submission(actor, call, call.requests, content)
    audit.record(actor, "procedures.request_submit" if before is None else "procedures.request_replace", request,
                 before, submission_facts(request))
    return request


def withdraw_request(actor: User, request: ParticipationRequest) -> ParticipationRequest:
    return withdraw_submission(actor, ParticipationRequest, request.pk, "call", "procedures.request",
                               "not_your_request", "procedures.request_withdraw")


def open_requests(actor: User, call: CallForParticipation) -> CallForParticipation:
    """Two officials of the authority open the requests after the deadline: one asks, another confirms."""
    require(actor, "procedures.open_requests", call.procurement)
    require_may_open(actor, call, "open_requests")
    return _request_or_open(actor, call)


@transaction.atomic
def _request_or_open(actor: User, call: CallForParticipation) -> CallForParticipation:
    call = _locked_call(call)
    return request_or_open(actor, call, call.requests, "procedures.requests_open", "requests_already_opened")


@transaction.atomic
def check_requirement(actor: User, call: CallForParticipation, request_pk: int, requirement_number: int,
                      met: bool, reason: str) -> RequirementCheck:
    """Whether one request meets one suitability requirement, with the reason; changeable until the selection."""
    require(actor, "procedures.check", call.procurement)
    if not call.is_opened:
        raise refuse_sealed(actor, call, "check_requirement")
    call = _locked_call(call)
    request = call.requests.filter(pk=request_pk, withdrawn_at__isnull=True).first()
    requirement = call.requirements.filter(number=requirement_number).first()
    if request is None:
        raise fail("request_unknown", "request")
    if requirement is None:
        raise fail("requirement_unknown", "requirement")
    if SelectionDecision.objects.filter(call=call).exists():
        raise fail("selection_decided", status=409)
    if not reason.strip():
        raise fail("check_reason_required", "reason")
    check = RequirementCheck.objects.filter(request=request, requirement=requirement).first()
    before = None if check is None else {"met": check.met, "reason": check.reason}
    check = check or RequirementCheck(request=request, requirement=requirement)
    check.met, check.reason, check.checked_by, check.checked_at = met, reason.strip(), actor, timezone.now()
    check.save()
    audit.record(actor, "procedures.requirement_check", request, before,
                 {"requirement": requirement.number, "met": met, "reason": check.reason})
    return check


@transaction.atomic
def decide_selection(actor: User, call: CallForParticipation, data: dict) -> SelectionDecision:
    """The accountable official's selection, published as it is made.

    ``data``: ``candidates`` ({request id: (selected, reason)} for every request), ``reasons``,
    ``channel``. Suitability is what the requirement checks say, never the decision's own claim.
    """
    require(actor, "procedures.select", call.procurement)
    if not call.is_opened:
        raise refuse_sealed(actor, call, "decide_selection")
    call = _locked_call(call)
    procurement = call.procurement
    require_the_accountable(actor, procurement)
    if SelectionDecision.objects.filter(call=call).exists():
        raise fail("selection_decided", status=409)
    fields = decision_fields(actor, data)
    requests = list(call.requests.filter(withdrawn_at__isnull=True).prefetch_related("checks"))
    given = {int(key): value for key, value in (data.get("candidates") or {}).items()}
    if set(given) != {r.pk for r in requests}:
        raise fail("selection_every_candidate", "candidates")
    requirements = call.requirements.count()
    candidates = [rules.Candidate(r.pk, rules.is_suitable([c.met for c in r.checks.all()], requirements),
                                  bool(given[r.pk][0]), given[r.pk][1] or "") for r in requests]
    try:
        rules.check_selection(candidates, call.min_candidates, call.max_candidates)
    except DomainError as error:
        raise refused(error) from None
    decision = SelectionDecision.objects.create(call=call, **fields)
    CandidateSelection.objects.bulk_create([
        CandidateSelection(decision=decision, request_id=c.key, selected=c.selected, reason=c.reason.strip())
        for c in candidates])
    audit.record(actor, "procedures.selection_decide", decision, None, {
        "selected": sorted(c.key for c in candidates if c.selected),
        "not_selected": sorted(c.key for c in candidates if not c.selected),
        "complaints_until": decision.complaints_until})
    return decision
