"""/api/v1 endpoints of the alliance's development phase: the same forms, selectors and services
as the pages. Registered on the alliance router (imported by ``alliance.api``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Schema
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import form_data, validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility
from coprocure.errors import ServiceError

from . import selectors, services_development as services
from .api import router
from .forms_development import KrasDraftForm, PositionForm, kra_field
from .models import Element
from .views_development import FORMS


class KraIn(Schema):
    name: str = ""
    indicator: str = ""
    code: str = ""
    weight: str | None = None
    unit: str = ""
    direction: str = ""
    baseline: str | None = None
    minimum: str | None = None
    target: str | None = None
    excellent: str | None = None
    frequency: str = ""
    data_source: str = ""


class DraftIn(Schema):
    """One field per element: ``target_cost``, ``kras`` or ``text`` (the operating model)."""

    target_cost: str | None = None
    kras: list[KraIn] = []
    text: str = ""
    note: str = ""


class PositionIn(Schema):
    stance: str = ""
    view: str = ""


def draft_out(user, row: selectors.DraftRow) -> dict:
    draft = row.draft
    out = {"id": draft.pk, "element": draft.element, "version": draft.version, "party": draft.party_id,
           "party_name": draft.party.name, "proposed_by": draft.proposed_by_id,
           "proposed_at": draft.proposed_at.isoformat(), "agreed": row.agreed, "newest": row.newest,
           "in_force": draft.published_at is not None,
           "positions": [{"party": position.party_id, "name": position.party.name, "position": position.stance,
                          "view": visibility.shown(user, position, "view", hidden="")}
                         for position in draft.positions.all()]}
    if draft.element == Element.TARGET_COST:
        out["target_cost"] = str(draft.target_cost)
    elif draft.element == Element.KRAS:
        out["kras"] = draft.kras
    else:
        out["text"] = draft.text
    return {**out, "note": draft.note}


@router.get("/contracts/{pk}/development", response={200: dict[str, Any], **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(selectors.visible_alliance))
def get_development(request, pk: int):
    """The development phase: whether the service phase has begun, the agreed target cost, and every
    draft the reader may see (the alliance's parties see all of them; everyone the agreed ones once in force)."""
    contract = target(request)
    phase, rows = selectors.development_of(request.user, contract)
    frozen = phase is not None and phase.frozen_at is not None
    return {"phase": "service" if frozen else "development",
            "service_phase_began": phase.frozen_at.isoformat() if frozen else None,
            "decided_by": phase.frozen_by_id if frozen else None,
            "target_cost": str(phase.target_cost) if frozen and phase.target_cost is not None else None,
            "drafts": [draft_out(request.user, row) for element in Element.values for row in rows[element] if row.readable]}


def _data(element: str, body: dict) -> dict:
    if element != Element.KRAS:
        return validated(FORMS[element], body)
    # One set of fields per KRA row, made for the number of rows given.
    kras = body.pop("kras") or []
    data = form_data(KrasDraftForm, body)
    for row, kra in enumerate(kras):
        for name, value in kra.items():
            if value is not None:
                data[kra_field(row, name)] = value
    form = KrasDraftForm(data, rows=max(len(kras), 1))
    if not form.is_valid():
        raise ServiceError.from_form(form)
    return dict(form.cleaned_data)


@router.post("/contracts/{pk}/development/{element}/drafts", response={201: dict[str, Any], **ERRORS},
             auth=SIGNED_IN)
@permitted("alliance.develop", load=by_pk(selectors.visible_alliance))
def propose_draft(request, pk: int, element: str, payload: DraftIn):
    """A new version of the target cost (``target_cost``), the KRAs (``kras``) or the operating model (``text``)."""
    if element not in Element.values:
        raise Http404
    contract = target(request)
    draft = services.propose_draft(request.user, contract, element, _data(element, payload.dict()))
    _phase, rows = selectors.development_of(request.user, contract)
    return Status(201, draft_out(request.user, next(row for row in rows[element] if row.draft.pk == draft.pk)))


@router.post("/development-drafts/{pk}/position", response={200: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.develop", load=by_pk(selectors.visible_draft), of=lambda draft: draft.contract)
def take_position(request, pk: int, payload: PositionIn):
    position = services.take_position(request.user, target(request), validated(PositionForm, payload.dict()))
    return {"draft": position.draft_id, "party": position.party_id, "position": position.stance, "view": position.view}


@router.post("/contracts/{pk}/development/service-phase", response={201: dict[str, Any], **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.start_service", load=by_pk(selectors.visible_alliance))
def start_service_phase(request, pk: int):
    """The accountable official's decision: the agreed drafts become the contract's terms and are frozen."""
    phase = services.start_service_phase(request.user, target(request))
    return Status(201, {"phase": "service", "service_phase_began": phase.frozen_at.isoformat(),
                        "decided_by": phase.frozen_by_id, "target_cost": str(phase.target_cost)})
