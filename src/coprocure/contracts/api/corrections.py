"""Corrections of records entered by mistake, through the same forms and rules as the web pages."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import CORRECTIONS
from ..schemas import (
    DocumentIn, DocumentOut, IndicatorIn, IndicatorOut, KraIn, KraOut, MeetingIn, MeetingOut, MemberIn, MemberOut,
)
from . import router
from .steering import meeting_form_data


def correctable(kind: str):
    """The rule of every correction: the procurement's staff correct a record of ``kind``
    they can see; the object is ``(record, contract)``."""
    model = CORRECTIONS[kind][0]

    def load(request, **path):
        return selectors.visible_record(request.user, model, int(path["pk"]))

    load.path_parameter = "pk"
    return permitted("contracts.manage", load=load, of=lambda found: found[1].procurement)


def _correct(request, kind: str, body: dict):
    record, contract = target(request)
    _model, form_class, needs_contract = CORRECTIONS[kind]
    data = validated(form_class, body, instance=record, **({"contract": contract} if needs_contract else {}))
    return services.correct(request.user, record, data)


def _remove(request):
    record, _contract = target(request)
    services.remove(request.user, record)
    return Status(204, None)


@router.put("/steering-members/{pk}", response={200: MemberOut, **ERRORS}, auth=SIGNED_IN)
@correctable("member")
def correct_member(request, pk: int, payload: MemberIn):
    return _correct(request, "member", payload.dict())


@router.delete("/steering-members/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@correctable("member")
def remove_member(request, pk: int):
    return _remove(request)


@router.put("/meetings/{pk}", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@correctable("meeting")
def correct_meeting(request, pk: int, payload: MeetingIn):
    return _correct(request, "meeting", meeting_form_data(payload))


@router.delete("/meetings/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@correctable("meeting")
def remove_meeting(request, pk: int):
    return _remove(request)


@router.put("/kras/{pk}", response={200: KraOut, **ERRORS}, auth=SIGNED_IN)
@correctable("kra")
def correct_kra(request, pk: int, payload: KraIn):
    return _correct(request, "kra", payload.dict())


@router.delete("/kras/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@correctable("kra")
def remove_kra(request, pk: int):
    return _remove(request)


@router.put("/indicators/{pk}", response={200: IndicatorOut, **ERRORS}, auth=SIGNED_IN)
@correctable("indicator")
def correct_indicator(request, pk: int, payload: IndicatorIn):
    return _correct(request, "indicator", payload.dict())


@router.delete("/indicators/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@correctable("indicator")
def remove_indicator(request, pk: int):
    return _remove(request)


@router.put("/contract-documents/{pk}", response={200: DocumentOut, **ERRORS}, auth=SIGNED_IN)
@correctable("document")
def correct_document(request, pk: int, payload: DocumentIn):
    return _correct(request, "document", payload.dict())


@router.delete("/contract-documents/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@correctable("document")
def remove_document(request, pk: int):
    return _remove(request)
