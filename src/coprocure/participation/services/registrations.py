"""Events: signing up (with an account or without one), the waiting list and its offers, and
attendance."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import events
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.core import redaction

from .. import codes, notices
from ..models import ACTIVE, Activity, Registration, RegistrationStatus
from ._common import check_background, fail, locked_activity


def _seats(activity: Activity) -> list[events.Seat]:
    return [events.Seat(r.pk, events.Status(r.status), r.offer_expires_at)
            for r in activity.registrations.filter(status__in=ACTIVE).order_by("created_at", "id")]


def settle(activity: Activity) -> None:
    """Expire offers that ran out and offer free places to the waiting list. The caller holds
    the activity's row lock, so two cancellations cannot offer the same place twice. Whoever
    is offered a place hears it at once, with the time to confirm it."""
    changes = events.settle(_seats(activity), activity.capacity, timezone.now(), activity.confirmation_hours)
    for key, seat in changes.items():
        Registration.objects.filter(pk=key).update(status=seat.status.value, offer_expires_at=seat.offer_expires_at,
                                                   updated_at=timezone.now())
        audit.record(None, f"participation.registration_{seat.status.value}", Registration(pk=key, activity=activity),
                     None, {"status": seat.status.value, "offer_expires_at": seat.offer_expires_at})
        if seat.status in (events.Status.OFFERED, events.Status.CONFIRMED):
            notices.tell_person(Registration.objects.select_related("activity", "participant").get(pk=key))


def _open_for_sign_up(actor, activity: Activity) -> None:
    if not actor.has_perm("participation.answer", activity.procurement):
        raise PermissionDenied("participation.answer")
    if not activity.registration:
        raise ServiceError.from_domain(DomainError("registration_not_open"), status=409)
    if activity.starts_at is not None and activity.starts_at <= timezone.now():
        raise ServiceError.from_domain(DomainError("registration_event_past"), status=409)


def _create(actor, activity: Activity, data: dict) -> Registration:
    problems = check_background(data)
    if problems:
        raise fail(problems)
    settle(activity)
    status = events.status_for_newcomer(activity.capacity, _seats(activity))
    data = {**data, "needs": redaction.redact(data.get("needs", ""))[0]}
    registration = Registration.objects.create(activity=activity, status=status.value, **data)
    audit.record(actor if actor.is_authenticated else None, "participation.registration_create", registration, None,
                 {"status": status.value, "account": registration.participant_id is not None})
    notices.after_registration(registration)
    return registration


@transaction.atomic
def register(actor: User, activity: Activity, data: dict) -> Registration:
    """Sign ``actor`` up: a place if one is free, otherwise the waiting list."""
    activity = locked_activity(activity.pk)
    _open_for_sign_up(actor, activity)
    if activity.registrations.filter(participant=actor, status__in=ACTIVE).exists():
        raise ServiceError.from_domain(DomainError("registration_exists"), status=409)
    return _create(actor, activity, {**data, "participant": actor})


@transaction.atomic
def register_guest(actor, activity: Activity, data: dict) -> Registration:
    """Sign up without an account: a name or pseudonym and an e-mail address or a phone number
    (``GuestRegistrationForm`` checks them), to which the confirmation and the link to manage
    the sign-up go."""
    activity = locked_activity(activity.pk)
    _open_for_sign_up(actor, activity)
    return _create(actor, activity, {**data, "participant": None})


def _own(actor: User | None, registration: Registration) -> Registration:
    """The sign-up as it is now; ``actor`` None is the holder of the signed link sent to its contact."""
    registration = Registration.objects.select_related("activity", "participant").get(pk=registration.pk)
    if actor is not None and (registration.participant_id is None or registration.participant_id != actor.pk):
        raise PermissionDenied
    return registration


@transaction.atomic
def cancel_registration(actor: User | None, registration: Registration) -> Registration:
    """Give up a place or leave the waiting list; a freed place goes to the next person."""
    activity = locked_activity(registration.activity_id)
    registration = _own(actor, registration)
    if registration.status not in ACTIVE:
        raise ServiceError.from_domain(DomainError("registration_not_active"), status=409)
    before = {"status": registration.status}
    registration.status, registration.offer_expires_at = RegistrationStatus.CANCELLED, None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    audit.record(actor, "participation.registration_cancel", registration, before,
                 {"status": registration.status, "by_link": actor is None})
    notices.tell_person(registration)
    settle(activity)
    return registration


@transaction.atomic
def _confirm(actor: User | None, registration: Registration) -> tuple[Registration, DomainError | None]:
    activity = locked_activity(registration.activity_id)
    registration = _own(actor, registration)
    seat = events.Seat(registration.pk, events.Status(registration.status), registration.offer_expires_at)
    try:
        events.check_confirmable(seat, timezone.now())
    except DomainError as error:
        if error.code == "registration_offer_expired":
            settle(activity)
        return registration, error
    before = {"status": registration.status}
    registration.status, registration.offer_expires_at = RegistrationStatus.CONFIRMED, None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    audit.record(actor, "participation.registration_confirm", registration, before,
                 {"status": registration.status, "by_link": actor is None})
    return registration, None


def confirm_registration(actor: User | None, registration: Registration) -> Registration:
    """Take an offered place before the offer runs out. A late confirmation is refused, and the
    place has already gone to the next person: that change is committed, the refusal is not an
    error that undoes it."""
    registration, problem = _confirm(actor, registration)
    if problem is not None:
        raise ServiceError.from_domain(problem, status=409)
    return registration


@transaction.atomic
def settle_activity(activity: Activity) -> None:
    """Pass on offers that ran out; run by views and the ``settle-waiting-lists`` command."""
    settle(locked_activity(activity.pk))


@transaction.atomic
def mark_attendance(actor: User, activity: Activity, attended: set[int]) -> Activity:
    """Record who came, from the organiser's roster: everyone holding a place is marked."""
    activity = locked_activity(activity.pk)
    require(actor, "participation.manage", activity.procurement)
    holders = activity.registrations.filter(status=RegistrationStatus.CONFIRMED)
    unknown = attended - set(holders.values_list("pk", flat=True))
    if unknown:
        raise ServiceError.from_domain(DomainError("registration_unknown", "attended"))
    holders.filter(pk__in=attended).update(attended=True, updated_at=timezone.now())
    holders.exclude(pk__in=attended).update(attended=False, updated_at=timezone.now())
    audit.record(actor, "participation.attendance_mark", activity, None, {"attended": sorted(attended)})
    return activity


def _code_error(error: DomainError) -> ServiceError:
    return ServiceError.from_domain(error, status=410 if error.code == "attendance_code_expired" else 400)


def _check_in(actor: User, registration: Registration, via: str) -> Registration:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ServiceError.from_domain(DomainError("attendance_not_registered", "code"), status=409)
    before = {"attended": registration.attended}
    if not registration.attended:
        registration.attended = True
        registration.save(update_fields=["attended", "updated_at"])
    audit.record(actor, "participation.attendance_check_in", registration, before, {"attended": True, "via": via})
    return registration


@transaction.atomic
def check_in_with_activity_code(actor: User, activity: Activity, code: str) -> Registration:
    """A participant scanned the activity's code at the door: mark their own place attended."""
    try:
        codes.read_activity_code(code, activity)
    except DomainError as error:
        raise _code_error(error) from None
    activity = locked_activity(activity.pk)
    registration = activity.registrations.filter(participant=actor, status__in=ACTIVE).first()
    if registration is None:
        raise ServiceError.from_domain(DomainError("attendance_not_registered", "code"), status=409)
    return _check_in(actor, registration, "activity_code")


@transaction.atomic
def check_in_with_registration_code(actor: User, activity: Activity, code: str) -> Registration:
    """Staff at the door scanned or typed a participant's own code."""
    activity = locked_activity(activity.pk)
    require(actor, "participation.manage", activity.procurement)
    try:
        pk = codes.read_registration_code(code)
    except DomainError as error:
        raise _code_error(error) from None
    registration = activity.registrations.select_related("participant").filter(pk=pk).first()
    if registration is None:
        raise ServiceError.from_domain(DomainError("attendance_code_invalid", "code"), status=400)
    return _check_in(actor, registration, "registration_code")
