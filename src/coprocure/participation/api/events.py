"""Events: signing up with a waiting list, the organiser's roster and attendance at the door."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.audit import services as audit
from coprocure.web.ratelimit import rate_limited

from .. import codes, selectors, services
from ..forms import AttendanceForm, CheckInForm, GuestRegistrationForm, NamedRegistrationForm, RegistrationForm
from ..models import Activity, RegistrationStatus
from ..schemas import (
    AttendanceCodeOut, AttendanceIn, CheckInIn, GuestRegistrationIn, GuestRegistrationOut, RegistrationIn,
    RegistrationOut, RosterEntryOut,
)
from . import router

activity_by_pk = by_pk(selectors.visible_activity)
own_registration = by_pk(selectors.own_registration)


def registration_by_link(request, token: str):
    return selectors.registration_by_link(token)


def _procurement(activity: Activity):
    return activity.procurement


@router.post("/activities/{pk}/registrations", response={201: RegistrationOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=activity_by_pk)
def register(request, pk: int, payload: RegistrationIn):
    """Sign up: ``confirmed`` when a place is free, otherwise ``waiting``. An account without a
    name (made by e-mail or Suomi.fi) gives ``name``, which the organisers see."""
    data = validated(RegistrationForm if request.user.get_full_name() else NamedRegistrationForm, payload.dict())
    return Status(201, services.register(request.user, target(request), data))


@router.post("/activities/{pk}/guest-registrations", response={201: GuestRegistrationOut, **ERRORS, 429: ErrorOut},
             auth=ANYONE)
@decorate_view(rate_limited("event_sign_up"))
@permitted(None, load=activity_by_pk)
def register_guest(request, pk: int, payload: GuestRegistrationIn):
    """Sign up without an account: ``name`` (a pseudonym is enough) and ``email`` or ``phone``,
    where the confirmation and any freed place are sent. ``confirmed`` or ``waiting`` with its
    ``waiting_position``; 409 ``registration_event_past`` for an event that has begun."""
    data = validated(GuestRegistrationForm, payload.dict())
    return Status(201, services.register_guest(request.user, target(request), {**data, "language": get_language()[:2]}))


@router.get("/registrations/link/{token}", response={200: RegistrationOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=registration_by_link)
def registration_by_its_link(request, token: str):
    """A sign-up seen with the token of the link sent to its contact (404 for a forged one)."""
    return target(request)


@router.post("/registrations/link/{token}/cancel", response={200: RegistrationOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=registration_by_link)
def cancel_by_link(request, token: str):
    """Cancel with the link's token; a freed place is offered to the first person waiting."""
    return services.cancel_registration(None, target(request))


@router.post("/registrations/link/{token}/confirm", response={200: RegistrationOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=registration_by_link)
def confirm_by_link(request, token: str):
    """Confirm an offered place with the link's token; late is 409 ``registration_offer_expired``."""
    return services.confirm_registration(None, target(request))


@router.post("/registrations/{pk}/cancel", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=own_registration)
def cancel_registration(request, pk: int):
    """Cancel one's own sign-up; a freed place is offered to the first person waiting."""
    return services.cancel_registration(request.user, target(request))


@router.post("/registrations/{pk}/confirm", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=own_registration)
def confirm_registration(request, pk: int):
    """Confirm an offered place before ``offer_expires_at``; later is 409 ``registration_offer_expired``."""
    return services.confirm_registration(request.user, target(request))


@router.get("/activities/{pk}/roster", response={200: list[RosterEntryOut], **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=activity_by_pk, of=_procurement)
def roster(request, pk: int):
    """Everyone signed up, with their needs (the procurement's staff)."""
    activity = target(request)
    services.settle_activity(activity)
    registrations = list(selectors.roster(activity))
    audit.record_personal_data_read(request.user, "activity_roster", activity, [r.participant_id for r in registrations])
    return registrations


@router.post("/activities/{pk}/attendance", response={200: list[RosterEntryOut], **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=activity_by_pk, of=_procurement)
def mark_attendance(request, pk: int, payload: AttendanceIn):
    """The ids of the confirmed registrations whose person came; the others are marked absent."""
    activity = target(request)
    confirmed = [r for r in selectors.roster(activity) if r.status == RegistrationStatus.CONFIRMED]
    data = validated(AttendanceForm, payload.dict(), registrations=confirmed)
    services.mark_attendance(request.user, activity, set(data["attended"]))
    return list(selectors.roster(activity))


@router.get("/activities/{pk}/attendance-code", response={200: AttendanceCodeOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=activity_by_pk, of=_procurement)
def attendance_code(request, pk: int):
    """The activity's signed attendance code and the link its QR code opens; it works until
    two hours after the activity ends (the procurement's staff)."""
    activity = target(request)
    code, until = codes.activity_code(activity)
    return {"code": code, "url": codes.check_in_link(activity, code), "valid_until": until}


@router.post("/activities/{pk}/check-in", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=activity_by_pk)
def check_in(request, pk: int, payload: CheckInIn):
    """A participant with a confirmed place marks themselves present with the activity's code:
    400 ``attendance_code_invalid`` (forged or another activity's), 410 ``attendance_code_expired``,
    409 ``attendance_not_registered``."""
    data = validated(CheckInForm, payload.dict())
    return services.check_in_with_activity_code(request.user, target(request), data["code"])


@router.post("/activities/{pk}/check-in/registration", response={200: RosterEntryOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=activity_by_pk, of=_procurement)
def check_in_registration(request, pk: int, payload: CheckInIn):
    """Staff at the door mark a person present with the person's own code (``12-8F3A91C2``)."""
    data = validated(CheckInForm, payload.dict())
    return services.check_in_with_registration_code(request.user, target(request), data["code"])
