"""Outcome surveys answered only with invitation codes: codes, answers and flagged figures."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services
from ..forms import ClearFlagForm, CodeAnswerForm, IssueCodesForm
from . import router
from ._common import indicator_by_pk, procurement_of

flag_by_pk = by_pk(selectors.visible_flag)


class CodesIn(Schema):
    count: int | None = None
    channel: str = ""
    recipients: list[str] = []


class CodesOut(Schema):
    batch: int
    channel: str
    codes: list[str]
    sent: int


class CodeAnswerIn(Schema):
    code: str = ""
    value: int | None = None


class FlagOut(Schema):
    id: int
    period_start: date
    kind: str
    detail: str
    raised_at: datetime
    cleared_at: datetime | None
    clear_reason: str


class ClearIn(Schema):
    reason: str = ""


def flag_out(flag) -> dict:
    return {"id": flag.pk, "period_start": flag.period_start, "kind": flag.kind, "detail": flag.detail,
            "raised_at": flag.raised_at, "cleared_at": flag.cleared_at, "clear_reason": flag.clear_reason}


@router.post("/indicators/{pk}/invitations", response={201: CodesOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=indicator_by_pk, of=procurement_of)
def issue_codes(request, pk: int, payload: CodesIn):
    """A batch of one-time codes for the indicator's latest round: ``count`` codes returned once,
    to print, or with ``recipients`` (phone numbers for ``sms``, addresses for ``email``, at
    least five) one code sent to each and none returned (``sent`` says how many went out)."""
    batch, codes = services.issue_codes(request.user, target(request), validated(IssueCodesForm, payload.dict()))
    return Status(201, {"batch": batch.pk, "channel": batch.channel, "codes": codes,
                        "sent": 0 if codes else batch.size})


@router.post("/outcome-answers", response={201: dict, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE)
@decorate_view(rate_limited("survey_answer"))
def answer_with_code(request, payload: CodeAnswerIn):
    """One answer with an invitation code; the code is the only way an answer counts."""
    data = validated(CodeAnswerForm, payload.dict())
    user = request.user if request.user.is_authenticated else None
    services.answer_with_code(data["code"], data["value"], user)
    return Status(201, {"saved": True})


@router.get("/indicators/{pk}/figure-flags", response={200: list[FlagOut], **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=indicator_by_pk, of=procurement_of)
def list_flags(request, pk: int):
    return [flag_out(flag) for flag in target(request).figure_flags.all()]


@router.post("/figure-flags/{pk}/clear", response={200: FlagOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.decide", load=flag_by_pk, of=lambda flag: flag.indicator.kra.contract.procurement)
def clear_flag(request, pk: int, payload: ClearIn):
    return flag_out(services.clear_flag(request.user, target(request), validated(ClearFlagForm, payload.dict())))
