"""/api/v1 endpoints for organisations and procurements. Each endpoint validates through the
same form and writes through the same service as the web UI."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS, TranslatedIn, TranslatedOut

from . import selectors, services
from .forms import OrganisationForm, PhaseChangeForm, ProcurementForm, RoleForm
from .models import Organisation, Procurement

router = Router()



class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    business_id: str | None
    municipality: str


class OrganisationIn(Schema):
    name: str
    kind: str
    business_id: str | None = None
    municipality: str = ""
    website: str = ""


class PhaseChangeOut(Schema):
    source: str
    target: str
    reason: str
    changed_at: datetime


class ProcurementOut(Schema):
    id: int
    reference: str
    authority: OrganisationOut
    title: TranslatedOut
    summary: TranslatedOut
    plain_summary: TranslatedOut
    service_area: str
    procedure: str
    target_groups: list[str]
    estimated_value: Decimal | None
    phase: str
    is_public: bool
    accountable_official: int | None = Field(None, alias="accountable_official_id")
    partnership_4p: TranslatedOut
    co_production: TranslatedOut
    outcome_based: TranslatedOut
    phase_changes: list[PhaseChangeOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]

    @staticmethod
    def resolve_phase_changes(obj):
        return list(obj.phase_changes.all())


class ProcurementIn(Schema):
    title: TranslatedIn
    summary: TranslatedIn
    plain_summary: TranslatedIn | None = None
    service_area: str
    procedure: str
    target_groups: list[str] = []
    estimated_value: Decimal | None = None
    is_public: bool = True
    accountable_official: int | None = None
    partnership_4p: TranslatedIn | None = None
    co_production: TranslatedIn | None = None
    outcome_based: TranslatedIn | None = None


class ProcurementPatch(Schema):
    title: TranslatedIn | None = None
    summary: TranslatedIn | None = None
    plain_summary: TranslatedIn | None = None
    service_area: str | None = None
    procedure: str | None = None
    target_groups: list[str] | None = None
    estimated_value: Decimal | None = None
    is_public: bool | None = None
    accountable_official: int | None = None
    partnership_4p: TranslatedIn | None = None
    co_production: TranslatedIn | None = None
    outcome_based: TranslatedIn | None = None


class PhaseChangeIn(Schema):
    target: Literal["preparation", "tendering", "contract", "closed"] | str
    reason: str = ""


class RoleIn(Schema):
    user: str = Field(..., description="the person's username")
    role: str


class RoleOut(Schema):
    user: int = Field(..., alias="user_id")
    name: str
    role: str

    @staticmethod
    def resolve_name(obj):
        return str(obj.user)



@router.get("/procurements", response={200: list[ProcurementOut], **ERRORS}, auth=ANYONE, tags=["procurements"])
@paginate
def list_procurements(request, phase: str | None = None, service_area: str | None = None):
    return selectors.public_procurements(phase=phase, service_area=service_area).prefetch_related("phase_changes")


@router.get("/procurements/{pk}", response={200: ProcurementOut, **ERRORS}, auth=ANYONE, tags=["procurements"])
def get_procurement(request, pk: int):
    return selectors.visible_procurement(request.user, pk)


@router.post("/procurements", response={201: ProcurementOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
def create_procurement(request, payload: ProcurementIn):
    if not request.user.has_perm("procurement.create"):
        raise PermissionDenied
    data = validated(ProcurementForm, payload.dict(), authority=request.user.organisation)
    procurement = services.create_procurement(request.user, data)
    return Status(201, selectors.procurement_page(procurement.pk))


def _as_input(procurement: Procurement) -> dict:
    names = ProcurementIn.model_fields.keys()
    current = {name: getattr(procurement, name) for name in names if name not in {"target_groups", "accountable_official"}}
    current["target_groups"] = [group.code for group in procurement.target_groups.all()]
    current["accountable_official"] = procurement.accountable_official_id
    return current


@router.patch("/procurements/{pk}", response={200: ProcurementOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
def update_procurement(request, pk: int, payload: ProcurementPatch):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.edit", procurement):
        raise PermissionDenied
    merged = {**_as_input(procurement), **payload.dict(exclude_unset=True)}
    data = validated(ProcurementForm, merged, instance=procurement, authority=procurement.authority)
    services.update_procurement(request.user, procurement, data)
    return selectors.procurement_page(pk)


@router.post("/procurements/{pk}/phase", response={200: ProcurementOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
def change_phase(request, pk: int, payload: PhaseChangeIn):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.change_phase", procurement):
        raise PermissionDenied
    data = validated(PhaseChangeForm, payload.dict())
    services.change_phase(request.user, procurement, data["target"], data["reason"])
    return selectors.procurement_page(pk)


@router.get("/procurements/{pk}/roles", response={200: list[RoleOut], **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
def list_roles(request, pk: int):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.view_roles", procurement):
        raise PermissionDenied
    return list(selectors.roles_of(procurement))


@router.post("/procurements/{pk}/roles", response={201: RoleOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
def assign_role(request, pk: int, payload: RoleIn):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.assign_role", procurement):
        raise PermissionDenied
    data = validated(RoleForm, payload.dict())
    return Status(201, services.assign_role(request.user, procurement, data["user"], data["role"]))


@router.get("/organisations", response={200: list[OrganisationOut], **ERRORS}, auth=ANYONE, tags=["organisations"])
@paginate
def list_organisations(request, kind: str | None = None):
    qs = Organisation.objects.order_by("name", "id")
    return qs.filter(kind=kind) if kind else qs


@router.post("/organisations", response={201: OrganisationOut, **ERRORS}, auth=SIGNED_IN, tags=["organisations"])
def create_organisation(request, payload: OrganisationIn):
    if not request.user.has_perm("organisation.create"):
        raise PermissionDenied
    data = validated(OrganisationForm, payload.dict())
    return Status(201, services.create_organisation(request.user, data))
