"""/api/v1 for negotiation meetings, minutes, written information to all candidates, user
representatives and dialogue solutions. The same services and forms as the page. There is no
route that sends information to one candidate only, and none that passes a solution on."""

from __future__ import annotations

import json
from datetime import date, datetime

from ninja import Router, Schema

from coprocure.api.auth import SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility
from coprocure.procedures import selectors as procedures
from coprocure.tendering.services._common import fail

from . import selectors, services
from .pdf_views import minutes_document
from .forms import (InformationForm, MeetingForm, MinutesForm, RepresentativeForm, ResponseForm, SolutionForm,
                    TenderChangeForm)

router = Router(tags=["negotiation"])
stage_by_pk = by_pk(procedures.visible_stage)
meeting_by_pk = by_pk(selectors.visible_meeting)
own_meeting_by_pk = by_pk(selectors.own_meeting)


def procurement_of(obj):
    return obj.stage.procurement if hasattr(obj, "stage") else obj.procurement


class MeetingIn(Schema):
    organisation: int
    starts_at: datetime
    place: str = ""
    online: bool = False
    participants: str


class RepresentativeOut(Schema):
    person: str
    committed: bool
    commitment_signed_on: date | None
    commitment_version: str


class MeetingOut(Schema):
    id: int
    candidate: str
    starts_at: datetime
    place: str
    online: bool
    participants: str
    minutes: str
    confidential_minutes: str | None
    candidate_comment: str
    confirmed_at: datetime | None
    representatives: list[RepresentativeOut]


class MinutesIn(Schema):
    minutes: str
    confidential_minutes: str = ""


class ResponseIn(Schema):
    confirm: bool
    comment: str = ""


class RepresentativeIn(Schema):
    person: int
    commitment_signed_on: date | None = None
    commitment_version: str = ""


class InformationIn(Schema):
    text: str


class InformationOut(Schema):
    id: int
    text: str
    sent_at: datetime
    recipients: list[str]
    emails_queued: int


class TenderChangeIn(Schema):
    kind: str


class SolutionIn(Schema):
    text: str


class SolutionOut(Schema):
    id: int
    participant: str
    text: str
    submitted_at: datetime


def meeting_out(user, m) -> dict:
    return {"id": m.pk, "candidate": m.organisation.name, "starts_at": m.starts_at, "place": m.place,
            "online": m.online, "participants": m.participants, "minutes": m.minutes,
            "confidential_minutes": visibility.shown(user, m, "confidential_minutes"),
            "candidate_comment": m.candidate_comment, "confirmed_at": m.confirmed_at,
            "representatives": [{"person": str(r.person), "committed": r.committed,
                                 "commitment_signed_on": r.commitment_signed_on,
                                 "commitment_version": r.commitment_version} for r in m.representatives.all()]}


def information_out(info) -> dict:
    return {"id": info.pk, "text": info.text, "sent_at": info.sent_at,
            "recipients": [o.name for o in info.recipients.all()], "emails_queued": info.emails_queued}


def solution_out(s) -> dict:
    return {"id": s.pk, "participant": s.organisation.name, "text": s.text, "submitted_at": s.submitted_at}


@router.get("/stages/{pk}/meetings", response={200: list[MeetingOut], **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=stage_by_pk)
def list_meetings(request, pk: int):
    return [meeting_out(request.user, m) for m in selectors.meetings(request.user, target(request))]


@router.post("/stages/{pk}/meetings", response={201: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.manage", load=stage_by_pk, of=procurement_of)
def add_meeting(request, pk: int, payload: MeetingIn):
    meeting = services.add_meeting(request.user, target(request), validated(MeetingForm, payload.dict()))
    return 201, meeting_out(request.user, meeting)


@router.get("/negotiation-meetings/{pk}", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=meeting_by_pk)
def get_meeting(request, pk: int):
    return meeting_out(request.user, target(request))


@router.get("/negotiation-meetings/{pk}/minutes.pdf", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=meeting_by_pk)
def minutes_pdf(request, pk: int):
    """The meeting's minutes as a PDF in the request's language (Accept-Language), as the page
    ``/negotiation-meetings/{id}/minutes.pdf``: 404 before they are written."""
    return minutes_document(request, target(request))


@router.put("/negotiation-meetings/{pk}/minutes", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.manage", load=meeting_by_pk, of=procurement_of)
def write_minutes(request, pk: int, payload: MinutesIn):
    meeting = services.write_minutes(request.user, target(request), validated(MinutesForm, payload.dict()))
    return meeting_out(request.user, meeting)


@router.post("/negotiation-meetings/{pk}/response", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=own_meeting_by_pk)
def respond_to_minutes(request, pk: int, payload: ResponseIn):
    data = validated(ResponseForm, payload.dict())
    meeting = services.respond_to_minutes(request.user, target(request), data["confirm"], data["comment"])
    return meeting_out(request.user, meeting)


@router.post("/negotiation-meetings/{pk}/representatives", response={201: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.manage", load=meeting_by_pk, of=procurement_of)
def name_representative(request, pk: int, payload: RepresentativeIn):
    meeting = target(request)
    services.name_representative(request.user, meeting, validated(RepresentativeForm, payload.dict()))
    return 201, meeting_out(request.user, meeting)


@router.get("/stages/{pk}/information", response={200: list[InformationOut], **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=stage_by_pk)
def information_log(request, pk: int):
    return [information_out(i) for i in selectors.information(request.user, target(request))]


@router.post("/stages/{pk}/information", response={201: InformationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.manage", load=stage_by_pk, of=procurement_of)
def send_information(request, pk: int, payload: InformationIn):
    # A field beyond the text (a recipient, a candidate) is refused by name rather than dropped in
    # silence: whoever tries to address one candidate learns that written information goes to all.
    extra = sorted(set(json.loads(request.body)) - {"text"})
    if extra:
        raise fail("negotiation_information_to_all", extra[0])
    data = validated(InformationForm, {"text": payload.text})
    return 201, information_out(services.send_information(request.user, target(request), data["text"]))


@router.post("/stages/{pk}/tender-change", response={201: InformationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.manage", load=stage_by_pk, of=procurement_of)
def publish_tender_change(request, pk: int, payload: TenderChangeIn):
    data = validated(TenderChangeForm, payload.dict())
    return 201, information_out(services.publish_tender_change(request.user, target(request), data["kind"]))


@router.get("/stages/{pk}/solutions", response={200: list[SolutionOut], **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=stage_by_pk)
def list_solutions(request, pk: int):
    return [solution_out(s) for s in selectors.solutions(request.user, target(request))]


@router.post("/stages/{pk}/solutions", response={201: SolutionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.propose", load=stage_by_pk, of=procurement_of)
def propose_solution(request, pk: int, payload: SolutionIn):
    data = validated(SolutionForm, payload.dict())
    return 201, solution_out(services.propose_solution(request.user, target(request), data["text"]))
