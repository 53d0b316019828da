"""The contract with its parties, documents, amendments and steering group, and what it carries over
from the tender."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut

from .. import selectors


class PartyOut(Schema):
    id: int
    name: str
    role: str
    consortium_role: str
    organisation: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id


class DocumentOut(Schema):
    title: str
    url: str


class AmendmentOut(Schema):
    version: int
    summary: TranslatedOut
    reason: TranslatedOut
    decision: int
    new_ends_on: date | None

    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id


class MemberOut(Schema):
    id: int
    name: str
    role: str
    organisation: int | None
    term_starts: date
    term_ends: date | None
    deputy_for: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id

    @staticmethod
    def resolve_deputy_for(obj):
        return obj.deputy_for_id


def _carried_over(contract):
    # Both fields come from one read per contract.
    if not hasattr(contract, "_carried_over"):
        contract._carried_over = selectors.carried_over(contract)
    return contract._carried_over


class ObjectiveOut(Schema):
    id: int
    statement: TranslatedOut


class CriterionOut(Schema):
    id: int
    name: TranslatedOut
    weight: Decimal
    objectives: list[int]

    @staticmethod
    def resolve_objectives(obj):
        return [objective.pk for objective in obj.objectives.all()]


class ContractOut(Schema):
    id: int
    procurement: int
    kind: str
    title: TranslatedOut
    description: TranslatedOut
    starts_on: date
    ends_on: date
    options: TranslatedOut
    version: int
    parties: list[PartyOut]
    documents: list[DocumentOut]
    amendments: list[AmendmentOut]
    steering_group: list[MemberOut]
    objectives: list[ObjectiveOut] = Field(description="the tender's objectives, carried over to the contract")
    criteria: list[CriterionOut] = Field(description="the tender's quality criteria and the objectives each serves")

    @staticmethod
    def resolve_procurement(obj):
        return obj.procurement_id

    @staticmethod
    def resolve_objectives(obj):
        return _carried_over(obj).objectives

    @staticmethod
    def resolve_criteria(obj):
        return _carried_over(obj).criteria

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())

    @staticmethod
    def resolve_amendments(obj):
        return list(obj.amendments.all())

    @staticmethod
    def resolve_steering_group(obj):
        return list(obj.steering_members.all())


class CreatedOut(Schema):
    id: int


class ContractIn(Schema):
    kind: str
    title: TranslatedIn
    description: TranslatedIn = {}
    starts_on: date
    ends_on: date
    options: TranslatedIn = {}


class PartyIn(Schema):
    role: str
    organisation: int | None = None
    name: str = ""
    consortium_role: str = ""


class DocumentIn(Schema):
    title: str
    url: str


class AmendmentIn(Schema):
    summary: TranslatedIn
    reason: TranslatedIn
    decision: int
    new_ends_on: date | None = None
