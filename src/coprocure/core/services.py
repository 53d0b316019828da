"""The only code that writes organisations, procurements and roles. The web UI and the API
both call these functions with validated form data; each runs in one transaction, checks the
actor's permission, applies the domain rules and records the change in the audit trail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from coprocure.audit import services as audit
from coprocure.domain import identifiers, lifecycle, roles
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.permissions.predicates import forget_roles

from . import signals
from .models import Organisation, OrganisationKind, PhaseChange, Procurement, ProcurementRole, User


def require(actor, permission: str, obj=None) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def as_person(user: User) -> roles.Person:
    return roles.Person(organisation_id=user.organisation_id, is_official=user.position == "official")


def snapshot(procurement: Procurement) -> dict:
    return {
        "reference": procurement.reference,
        "title": procurement.title,
        "phase": procurement.phase,
        "procedure": procurement.procedure,
        "intended_contract_kind": procurement.intended_contract_kind,
        "service_area": procurement.service_area,
        "estimated_value": procurement.estimated_value,
        "is_public": procurement.is_public,
        "accountable_official": procurement.accountable_official_id,
        "target_groups": sorted(procurement.target_groups.values_list("code", flat=True)) if procurement.pk else [],
    }


def require_accountable(official: User, authority_id: int, *, field: str | None = "accountable_official",
                        status: int = 422) -> None:
    """The accountability rule as every service applies it: refuse anyone but an official of
    the contracting authority, with the domain's field-level message."""
    try:
        roles.check_accountable(as_person(official), authority_id, field=field)
    except DomainError as error:
        raise ServiceError.from_domain(error, status=status) from None


def _check_accountable(procurement: Procurement) -> None:
    if procurement.accountable_official is not None:
        require_accountable(procurement.accountable_official, procurement.authority_id)


def _ensure_role(procurement: Procurement, user: User, role: str) -> None:
    ProcurementRole.objects.get_or_create(procurement=procurement, user=user, role=role)
    forget_roles(user)


@transaction.atomic
def create_procurement(actor: User, data: dict) -> Procurement:
    require(actor, "procurement.create")
    target_groups = data.pop("target_groups", [])
    procurement = Procurement(authority=actor.organisation, created_by=actor, **data)
    _check_accountable(procurement)
    procurement.reference = "pending"
    procurement.save()
    procurement.reference = procurement.numbered_reference()
    procurement.save(update_fields=["reference"])
    procurement.target_groups.set(target_groups)
    _ensure_role(procurement, actor, roles.Role.OFFICIAL if actor.position == "official" else roles.Role.STAFF)
    if procurement.accountable_official:
        _ensure_role(procurement, procurement.accountable_official, roles.Role.OFFICIAL)
    audit.record(actor, "procurement.create", procurement, None, snapshot(procurement))
    return procurement


@transaction.atomic
def update_procurement(actor: User, procurement: Procurement, data: dict) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "procurement.edit", procurement)
    before = snapshot(procurement)
    target_groups = data.pop("target_groups", None)
    for name, value in data.items():
        setattr(procurement, name, value)
    _check_accountable(procurement)
    procurement.save()
    if target_groups is not None:
        procurement.target_groups.set(target_groups)
    if procurement.accountable_official:
        _ensure_role(procurement, procurement.accountable_official, roles.Role.OFFICIAL)
    audit.record(actor, "procurement.update", procurement, before, snapshot(procurement))
    return procurement


@transaction.atomic
def change_phase(actor: User, procurement: Procurement, target: str, reason: str = "") -> PhaseChange:
    """Move the procurement to ``target``, one step forward, or back with a public reason."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "procurement.change_phase", procurement)
    try:
        transition = lifecycle.plan_transition(procurement.phase, target, reason)
    except DomainError as error:
        raise ServiceError.from_domain(error, status=409 if error.code.startswith("phase_") else 422) from None
    change = PhaseChange.objects.create(
        procurement=procurement, source=transition.source, target=transition.target,
        reason=transition.reason, changed_by=actor,
    )
    procurement.phase = transition.target
    procurement.save(update_fields=["phase", "updated_at"])
    audit.record(
        actor, "procurement.phase_change", procurement,
        {"phase": transition.source.value}, {"phase": transition.target.value, "reason": transition.reason},
    )
    signals.phase_changed.send(Procurement, procurement=procurement, source=transition.source.value,
                               target=transition.target.value)
    return change


@transaction.atomic
def assign_role(actor: User, procurement: Procurement, user: User, role: str) -> ProcurementRole:
    require(actor, "procurement.assign_role", procurement)
    try:
        parsed = roles.parse_role(role)
        roles.check_role(parsed, as_person(user), procurement.authority_id)
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    granted, created = ProcurementRole.objects.get_or_create(procurement=procurement, user=user, role=parsed.value)
    forget_roles(user)
    if created:
        audit.record(actor, "procurement.role_grant", procurement, None, {"user": user.pk, "role": parsed.value})
    return granted


@transaction.atomic
def create_organisation(actor: User, data: dict) -> Organisation:
    require(actor, "organisation.create")
    business_id = (data.get("business_id") or "").strip()
    try:
        if business_id:
            data["business_id"] = identifiers.normalise_business_id(business_id)
        elif data.get("kind") != OrganisationKind.AUTHORITY:
            raise DomainError("business_id_required", "business_id")
        else:
            data["business_id"] = None
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    if data["business_id"] and Organisation.objects.filter(business_id=data["business_id"]).exists():
        raise ServiceError.from_domain(DomainError("business_id_duplicate", "business_id"), status=409)
    organisation = Organisation.objects.create(**data)
    audit.record(actor, "organisation.create", organisation, None,
                 {"name": organisation.name, "kind": organisation.kind, "business_id": organisation.business_id})
    return organisation

