"""Corrections by staff: each edit or removal is permission-checked and audited with the record
as it was, and a record others depend on is kept (with the reason) rather than removed."""

from __future__ import annotations

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import kra_levels
from coprocure.domain.errors import DomainError

from ..models import Contract, ContractDocument, Indicator, Kra, Measurement, Meeting, SteeringMember
from ._common import check_kras_open, refuse
from .outcomes import domain_indicator


EDITABLE = {
    SteeringMember: ("name", "role", "organisation_id", "user_id", "term_starts", "term_ends", "deputy_for_id"),
    Meeting: ("starts_at", "place", "agenda", "materials"),
    Kra: ("name", "description", "weight"),
    Indicator: ("code", "name", "unit", "direction", "baseline", "minimum", "target", "excellent", "frequency",
                "data_source", "reported_by_id"),
    ContractDocument: ("title", "url"),
}


def _contract_of(record) -> Contract:
    return record.kra.contract if isinstance(record, Indicator) else record.contract


def _snapshot(record) -> dict:
    return {name: getattr(record, name) for name in EDITABLE[type(record)]}


def _locked(actor: User, record):
    model = type(record)
    related = "kra__contract__procurement" if model is Indicator else "contract__procurement"
    record = model.objects.select_for_update(of=("self",)).select_related(related).get(pk=record.pk)
    require(actor, "contracts.manage", _contract_of(record).procurement)
    if isinstance(record, (Kra, Indicator)):
        check_kras_open(_contract_of(record))
    return record


def _check_correctable(record) -> None:
    if isinstance(record, Indicator) and record.measurements.exists():
        raise refuse(DomainError("indicator_has_measurements"), status=409)
    if isinstance(record, SteeringMember) and (record.positions.exists() or record.compensations.exists()
                                               or record.meetings.exists()):
        raise refuse(DomainError("member_has_records"), status=409)
    if isinstance(record, Meeting) and (record.decisions.exists() or record.compensations.exists()
                                        or record.agenda_published_at is not None):
        raise refuse(DomainError("meeting_has_records"), status=409)
    if isinstance(record, Kra) and Measurement.objects.filter(indicator__kra=record).exists():
        raise refuse(DomainError("kra_has_measurements"), status=409)


@transaction.atomic
def correct(actor: User, record, data: dict):
    """Edit a steering member, meeting, KRA, indicator or document. An indicator with
    measurements keeps its definition: the stored values were measured against it."""
    record = _locked(actor, record)
    if isinstance(record, Indicator):
        _check_correctable(record)
        try:
            kra_levels.check_kra(domain_indicator(Indicator(kra=record.kra, **data)))
        except DomainError as error:
            raise refuse(DomainError(error.code, "target", error.params)) from None
        if Indicator.objects.filter(kra__contract=record.kra.contract_id, code=data["code"]).exclude(pk=record.pk).exists():
            raise refuse(DomainError("indicator_code_taken", "code"), status=409)
    if isinstance(record, SteeringMember) and data.get("deputy_for") is not None and (
            data["deputy_for"].pk == record.pk or data["deputy_for"].contract_id != record.contract_id):
        raise refuse(DomainError("member_deputy_other_contract", "deputy_for"))
    before = _snapshot(record)
    for name, value in data.items():
        setattr(record, name, value)
    record.save()
    audit.record(actor, f"contracts.{type(record).__name__.lower()}_edit", record, before, _snapshot(record))
    return record


@transaction.atomic
def remove(actor: User, record) -> None:
    """Remove a record entered by mistake. A KRA or indicator with measurements, a member with
    attendance, fees or positions, and a published meeting or one with decisions or fees stay."""
    record = _locked(actor, record)
    _check_correctable(record)
    audit.record(actor, f"contracts.{type(record).__name__.lower()}_remove", record, _snapshot(record), None)
    record.delete()
