"""/api/v1 endpoints for panels: the same services and rules as the pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from django.urls import reverse
from django.utils import timezone
from ninja import Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.audit import services as audit
from coprocure.domain import panels as rules
from coprocure.errors import ServiceError
from coprocure.ops.api import JobOut, job_out
from coprocure.web.ratelimit import rate_limited

from . import selectors, services
from .forms import EndSeatForm, PanelForm, SeatForm, VolunteerForm
from .models import Draw, Membership, Volunteer
from .schemas import (
    CallIn, DrawOut, EndSeatIn, MemberPageOut, PanelIn, PanelOut, QuotasIn, SeatIn, SeatOut, VolunteerIn, VolunteerOut,
    VolunteersOut,
)

router = Router(tags=["panels"])
_panel = by_pk(selectors.visible_panel)


def _of_panel(model):
    """A loader for a row of a panel: 404 unless its panel may be seen."""

    def load(request, **path):
        row = model.objects.select_related("panel").filter(pk=int(path["pk"])).first()
        if row is None:
            raise Http404
        selectors.visible_panel(request.user, row.panel_id)
        return row

    load.path_parameter = "pk"
    return load


_draw = _of_panel(Draw)


def _seat_out(seat: Membership) -> dict:
    return {"id": seat.pk, "role": seat.role, "code": seat.volunteer.code if seat.volunteer else None,
            "name": seat.volunteer.name if seat.volunteer else (seat.person.username if seat.person else ""),
            "contact": seat.volunteer.contact if seat.volunteer else "", "started_at": seat.started_at,
            "ended_at": seat.ended_at}


def _draw_out(draw: Draw) -> dict:
    state = selectors.draw_state(draw)
    return {"id": draw.pk, "kind": draw.kind, "state": state["state"], "failure": state["failure"],
            "seed_commitment": draw.seed_commitment,
            "committed_at": draw.committed_at, "drawn_at": draw.drawn_at,
            "seed": draw.seed if draw.is_done else None,
            "minimum_probability": draw.minimum_probability if draw.is_done else None,
            "verification_file": reverse("panel_draw_file", args=[draw.pk]) if draw.is_done else None}


def _panel_out(panel) -> dict:
    return {
        "id": panel.pk, "procurement": panel.procurement_id, "contract": panel.contract_id,
        "authority": panel.authority_id, "kind": panel.kind, "title": panel.title,
        "purpose": panel.purpose, "achievements": panel.achievements, "seats": panel.seats, "deputies": panel.deputies,
        "term_starts": panel.term_starts, "term_ends": panel.term_ends, "areas": panel.areas,
        "call_open": panel.call_open, "quota_reason": panel.quota_reason,
        "meetings": sorted(panel.meetings.values_list("pk", flat=True)),
        "composition": [{"category": category["code"], "rows": [
            {"value": str(label), "members": count, "quota": list(quota)} for label, count, quota in category["rows"]]}
            for category in selectors.composition(panel)],
        "draws": [_draw_out(draw) for draw in selectors.draws_of(panel)],
    }


def _owner(kind: str):
    return by_pk(lambda user, pk: selectors.visible_owner(user, kind, pk))


def _unsaved(owner):
    return selectors.unsaved_panel(owner)


def _create(request, payload: PanelIn):
    owner = target(request)
    data = validated(PanelForm, payload.dict(), meetings=selectors.meeting_choices(_unsaved(owner)))
    return Status(201, _panel_out(services.create_panel(request.user, owner, data)))


@router.get("/procurements/{pk}/panels", response={200: list[PanelOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=_owner("procurement"))
def list_panels(request, pk: int):
    return [_panel_out(panel) for panel in selectors.panels_of(target(request))]


@router.post("/procurements/{pk}/panels", response={201: PanelOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_owner("procurement"), of=_unsaved)
def create_panel(request, pk: int, payload: PanelIn):
    return _create(request, payload)


@router.get("/contracts/{pk}/panels", response={200: list[PanelOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=_owner("contract"))
def list_contract_panels(request, pk: int):
    """A contract's panels (for example a customer panel for the contract's whole term)."""
    return [_panel_out(panel) for panel in selectors.panels_of(target(request))]


@router.post("/contracts/{pk}/panels", response={201: PanelOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_owner("contract"), of=_unsaved)
def create_contract_panel(request, pk: int, payload: PanelIn):
    """A panel of the contract: its procurement's official and staff."""
    return _create(request, payload)


@router.get("/authorities/{pk}/panels", response={200: list[PanelOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=_owner("authority"))
def list_authority_panels(request, pk: int):
    """An authority's standing panels, across its procurements and contracts."""
    return [_panel_out(panel) for panel in selectors.panels_of(target(request))]


@router.post("/authorities/{pk}/panels", response={201: PanelOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_owner("authority"), of=_unsaved)
def create_authority_panel(request, pk: int, payload: PanelIn):
    """A standing panel of the authority: its own officials and staff."""
    return _create(request, payload)


@router.get("/panels/{pk}", response={200: PanelOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=_panel)
def get_panel(request, pk: int):
    """Purpose, composition by category (a count under k is null), the draws and their files."""
    return _panel_out(target(request))


@router.put("/panels/{pk}/quotas", response={200: PanelOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_panel)
def set_panel_quotas(request, pk: int, payload: QuotasIn):
    """``quotas``: {category: {value: [min, max]}}, the page's table as data; a reason unless they
    are the target-group quotas computed from the participation plan's reference population."""
    return _panel_out(services.set_quotas(request.user, target(request), payload.quotas, payload.reason))


@router.post("/panels/{pk}/call", response={200: PanelOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_panel)
def set_panel_call(request, pk: int, payload: CallIn):
    """Open (``open: true``) or close the call for volunteers."""
    return _panel_out(services.set_call(request.user, target(request), payload.open))


@router.post("/panels/{pk}/volunteers", response={201: VolunteerOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE)
@decorate_view(rate_limited("panel_volunteer"))
@permitted("panels.volunteer", load=_panel, hidden=True)
def volunteer_for_panel(request, pk: int, payload: VolunteerIn):
    """Answer the open call, no account needed. A signed-in outreach partner entering a paper
    form sends ``on_paper=true``."""
    panel = target(request)
    data = validated(VolunteerForm, payload.dict(), panel=panel)
    on_paper = request.GET.get("on_paper") == "true" and request.user.is_authenticated
    person = services.volunteer(panel, data, entered_by=request.user if on_paper else None,
                                account=request.user if request.user.is_authenticated and not on_paper else None)
    return Status(201, {"code": person.code})


@router.get("/panels/{pk}/volunteers", response={200: VolunteersOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.view_volunteers", load=_panel, hidden=True)
def list_panel_volunteers(request, pk: int):
    """Names, contacts and backgrounds: the procurement's staff only; every call is recorded."""
    panel = target(request)
    audit.record_personal_data_read(request.user, "panels.volunteers", panel, [])
    people = []
    for person in selectors.volunteers_of(panel):
        background = getattr(person, "background", None)
        people.append({"code": person.code, "name": person.name, "contact": person.contact,
                       "withdrawn": person.withdrawn_at is not None,
                       "drawn": getattr(person, "membership", None) is not None,
                       "background": {c: getattr(background, c) for c in rules.CATEGORIES} if background else {}})
    return {"volunteers": people, "seats": [_seat_out(seat) for seat in selectors.seats_of(panel)]}


@router.post("/panels/{pk}/draws", response={201: DrawOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_panel)
def commit_panel_seed(request, pk: int, deputies: bool = False):
    """Commit a seed: its SHA-256 is public at once, the seed after the draw. ``?deputies=true``:
    the seed of a draw of deputies from the reserve."""
    return Status(201, _draw_out(services.commit_seed(request.user, target(request), deputies=deputies)))


@router.get("/draws/{pk}", response={200: DrawOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=_draw)
def get_panel_draw(request, pk: int):
    """A draw: ``state`` committed, running, failed (``failure`` says why; nothing was stored) or
    drawn (with the seed, the lowest probability and the file)."""
    return _draw_out(target(request))


@router.post("/draws/{pk}/run", response={202: JobOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_draw, of=lambda draw: draw.panel)
def run_panel_draw(request, pk: int):
    """Start the committed draw as a job (follow it at ``/api/v1/jobs/{id}``, or the draw's
    ``state``). Quotas the volunteers cannot meet are refused at once (422); a drawn seed is
    refused (409) and recorded; so is a second start while the draw runs (409)."""
    return Status(202, job_out(services.start_draw(request.user, target(request))))


@router.get("/panels/{pk}/member", response={200: MemberPageOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=_panel)
def panel_member_page(request, pk: int):
    """The signed-in member's own page: their seats, the coming meetings and what became of the
    panel's proposals (404 for anyone without a seat on the panel)."""
    panel = target(request)
    seats = list(selectors.member_seats(request.user, panel))
    if not seats:
        raise Http404
    return {
        "panel": panel.pk, "title": panel.title, "achievements": panel.achievements,
        "seats": [{"role": seat.role, "started_at": seat.started_at, "ended_at": seat.ended_at} for seat in seats],
        "meetings": [{"id": meeting.pk, "title": meeting.title, "starts_at": meeting.starts_at, "place": meeting.place,
                      "registration": meeting.registration,
                      "page": reverse("activity_register", args=[meeting.pk]) if meeting.registration else None}
                     for meeting in selectors.coming_meetings(panel, timezone.now())],
        "proposals": [{"statement": insight.statement, "status": insight.status,
                       "status_reason": insight.status_reason} for insight in selectors.proposals_of(panel)],
    }


@router.post("/panels/{pk}/seats", response={201: SeatOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_panel)
def add_panel_seat(request, pk: int, payload: SeatIn):
    """A support person with an account (``username``; ``role``: support). Deputies are drawn."""
    data = validated(SeatForm, payload.dict())
    user = get_user_model().objects.filter(username=data["username"]).first()
    if user is None:
        raise ServiceError({"username": [("user_unknown", str(_("No such user.")))]})
    return Status(201, _seat_out(services.add_person(request.user, target(request), user, data["role"])))


@router.post("/panel-seats/{pk}/end", response={200: SeatOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_of_panel(Membership), of=lambda seat: seat.panel)
def end_panel_seat(request, pk: int, payload: EndSeatIn):
    """End a seat with a reason; an empty member's seat is filled by a replacement draw."""
    data = validated(EndSeatForm, payload.dict())
    return _seat_out(services.end_membership(request.user, target(request), data["reason"]))


@router.post("/panel-volunteers/{pk}/withdraw", response={200: VolunteerOut, **ERRORS}, auth=SIGNED_IN)
@permitted("panels.manage", load=_of_panel(Volunteer), of=lambda person: person.panel)
def withdraw_panel_volunteer(request, pk: int):
    """The volunteer withdrew consent: their background goes at once and a seat they hold ends."""
    return {"code": services.withdraw(request.user, target(request)).code}
