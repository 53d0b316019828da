"""Reads for contract pages and the API, with everything a page shows fetched up front."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from coprocure.core.models import Procurement

from .models import Amendment, Contract, Decision, Meeting, SteeringMember


def contracts_of(procurement: Procurement) -> QuerySet[Contract]:
    return procurement.contracts.prefetch_related("parties").order_by("-starts_on", "id")


def contract_page(pk: int) -> Contract:
    return (
        Contract.objects.select_related("procurement__authority")
        .prefetch_related(
            "parties", "documents",
            Prefetch("amendments", queryset=Amendment.objects.select_related("decision")),
            Prefetch("steering_members", queryset=SteeringMember.objects.select_related("organisation", "deputy_for")),
            Prefetch("meetings", queryset=Meeting.objects.order_by("-starts_at")),
        )
        .get(pk=pk)
    )


def visible_contract(user, pk: int) -> Contract:
    """The contract, or 404 alike for a missing one and one this person may not see."""
    try:
        contract = contract_page(pk)
    except Contract.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("contracts.view", contract.procurement):
        raise Http404
    return contract


def can_read_confidential(user, contract: Contract) -> bool:
    return user.has_perm("contracts.manage", contract.procurement)


def decisions_of(contract: Contract) -> QuerySet[Decision]:
    return contract.decisions.select_related("accountable_official", "meeting").order_by("-decided_on", "-number")


def visible_meeting(user, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("contract__procurement__authority")
        .prefetch_related("attendees", "compensations__member", "decisions__accountable_official")
        .filter(pk=pk).first()
    )
    if meeting is None or not user.has_perm("contracts.view", meeting.contract.procurement):
        raise Http404
    return meeting


def visible_decision(user, pk: int) -> Decision:
    decision = (
        Decision.objects.select_related("contract__procurement__authority", "accountable_official", "meeting")
        .filter(pk=pk).first()
    )
    if decision is None or not user.has_perm("contracts.view", decision.contract.procurement):
        raise Http404
    return decision
