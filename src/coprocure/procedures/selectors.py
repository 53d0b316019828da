"""Reads of the procedures app, with their joins fetched up front, and the loaders that decide
who may see a procedure, a stage and a request (404 alike for missing and not visible)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from coprocure.core.selectors import visible_procurement
from coprocure.partners import selectors as partner_selectors

from coprocure.core.models import Organisation

from .models import (CallForParticipation, CandidateReduction, CandidateSelection, ParticipationRequest, ProcedurePlan,
                     ProcedureVersion, ReductionDecision, RequirementCheck, RoundBid, SealedRound, SelectionDecision,
                     Stage)
from .models_final import FinalTenderInvitation, InitialBidsAward


def procedure_procurement(user, pk: int):
    procurement = visible_procurement(user, pk)
    if not user.has_perm("procedures.view", procurement):
        raise Http404
    return procurement


def plan(procurement) -> ProcedurePlan | None:
    return ProcedurePlan.objects.filter(procurement=procurement).first()


def shows_draft(user, procurement) -> bool:
    """A procedure being composed is the authority's draft: shown to its people only."""
    return user.has_perm("procedures.compose", procurement)


def stages(procurement) -> list[Stage]:
    return list(Stage.objects.filter(procurement=procurement).select_related("call").order_by("order"))


def versions(procurement) -> list[ProcedureVersion]:
    return list(ProcedureVersion.objects.filter(procurement=procurement).order_by("number"))


def visible_stage(user, pk: int) -> Stage:
    """A stage of a procurement the person may see; a stage of an unpublished procedure only for its staff."""
    stage = Stage.objects.select_related("procurement__authority").filter(pk=pk).first()
    if stage is None:
        raise Http404
    procurement = procedure_procurement(user, stage.procurement_id)
    published = ProcedurePlan.objects.filter(procurement=procurement, published_at__isnull=False).exists()
    if not published and not shows_draft(user, procurement):
        raise Http404
    stage.procurement = procurement
    return stage


def call_of(stage: Stage):
    """The stage's call with its requirements, criteria and (published) decision, or None."""
    decisions = SelectionDecision.objects.select_related("accountable_official").prefetch_related(
        Prefetch("candidates", queryset=CandidateSelection.objects.select_related("request__lead")))
    return (CallForParticipation.objects.filter(stage=stage).select_related("stage__procurement__authority")
            .defer("wrapped_private_key")
            .prefetch_related("requirements", "criteria", Prefetch("decision", queryset=decisions)).first())


def visible_call(user, stage_pk: int):
    stage = visible_stage(user, stage_pk)
    call = call_of(stage)
    if call is None:
        raise Http404
    call.stage = stage
    return call


def own_request(user, call) -> ParticipationRequest | None:
    if not user.is_authenticated or user.organisation_id is None:
        return None
    return call.requests.filter(lead_id=user.organisation_id, withdrawn_at__isnull=True).first()


def own_request_by_pk(user, pk: int) -> ParticipationRequest:
    """The person's organisation's own live request; everyone else gets the same 404 after the
    same one query, whether the id names another's request or nothing (sealed: not even counted)."""
    organisation = getattr(user, "organisation_id", None) if user.is_authenticated else None
    request = ParticipationRequest.objects.select_related("call__stage__procurement").filter(
        pk=pk, lead_id=organisation, withdrawn_at__isnull=True).first() if organisation else None
    if request is None:
        raise Http404
    return request


def opened_requests(call) -> list[ParticipationRequest]:
    """Every live request of an opened call with its checks (callers ask the visibility policy first)."""
    return list(call.requests.filter(withdrawn_at__isnull=True).select_related("lead").prefetch_related(
        Prefetch("checks", queryset=RequirementCheck.objects.select_related("requirement").order_by(
            "requirement__number"))).order_by("submitted_at", "id"))


def member_choices(user, procurement) -> set[int]:
    return partner_selectors.consenting_members(procurement, user.organisation_id) if user.organisation_id else set()


def selection_shown_in_full(user, procurement) -> bool:
    """Who sees each candidate's name and reason: the authority's people and the candidates."""
    return user.has_perm("procedures.read_selection", procurement)


def current_candidates(procurement) -> list:
    """The organisations the published selection selected, less those a reduction left out."""
    reduced = CandidateReduction.objects.filter(decision__stage__procurement=procurement, kept=False)
    return list(Organisation.objects.filter(
        participation_requests__selection__selected=True,
        participation_requests__call__stage__procurement=procurement,
    ).exclude(pk__in=reduced.values("organisation_id")).distinct().order_by("name"))


def visible_round(user, stage_pk: int) -> SealedRound:
    """The sealed round of a visible stage (404 alike for a stage without one)."""
    stage = visible_stage(user, stage_pk)
    box = (SealedRound.objects.filter(stage=stage).defer("wrapped_private_key")
           .first())
    if box is None:
        raise Http404
    box.stage = stage
    return box


def reduction_of(stage) -> ReductionDecision | None:
    return (ReductionDecision.objects.filter(stage=stage).prefetch_related(
        Prefetch("candidates", queryset=CandidateReduction.objects.select_related("organisation"))).first())


def own_round_bid(user, box) -> RoundBid | None:
    if not user.is_authenticated or user.organisation_id is None:
        return None
    return box.bids.filter(lead_id=user.organisation_id, withdrawn_at__isnull=True).first()


def own_round_bid_by_pk(user, pk: int) -> RoundBid:
    """The person's organisation's own live initial bid; everyone else the same 404 after the same
    one query, whether the id names another's bid or nothing (sealed: not even counted)."""
    organisation = getattr(user, "organisation_id", None) if user.is_authenticated else None
    bid = RoundBid.objects.select_related("round__stage__procurement").filter(
        pk=pk, lead_id=organisation, withdrawn_at__isnull=True).first() if organisation else None
    if bid is None:
        raise Http404
    return bid


def opened_round_bids(box) -> list[RoundBid]:
    """Every live initial bid of an opened round (callers ask the visibility policy first)."""
    return list(box.bids.filter(withdrawn_at__isnull=True).select_related("lead").order_by("submitted_at", "id"))


def final_invitation_of(stage) -> FinalTenderInvitation | None:
    """The published invitation to submit final tenders of a final tenders stage, or None."""
    return (FinalTenderInvitation.objects.filter(stage=stage).select_related("issued_by")
            .prefetch_related("invited").first())


def initial_bids_award_of(stage) -> InitialBidsAward | None:
    """The decision to award on the initial bids of this round, or None."""
    return (InitialBidsAward.objects.filter(stage=stage).select_related("accountable_official")
            .prefetch_related("skipped").first())
