"""Events: signing up (with or without an account) and the waiting list, the organiser's roster, attendance at the door."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.audit import services as audit
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, message_for
from coprocure.web.forms import posted, save_form
from coprocure.web.ratelimit import rate_limited

from .. import codes, notices, selectors, services, sharing
from ..forms import AttendanceForm, CheckInForm, GuestRegistrationForm, NamedRegistrationForm, RegistrationForm
from ..models import RegistrationStatus
from ._common import require, said


def _status_context(registration) -> dict:
    """What a person's sign-up page shows about it: the status, the waiting-list position, and
    for a place the code to show at the door."""
    if registration is None:
        return {"registration": None}
    door_code = codes.registration_code(registration) if registration.status == RegistrationStatus.CONFIRMED else None
    return {
        "registration": registration, "door_code": door_code,
        "door_qr": sharing.qr_svg_data_uri(settings.COPROCURE_PUBLIC_URL + reverse("activity_door", args=[registration.activity_id])
                                           + f"?code={door_code}") if door_code else None,
        "position": selectors.waiting_position(registration)
        if registration.status == RegistrationStatus.WAITING else None,
    }


def _tell_outcome(request, registration) -> None:
    """The message says exactly what the person got: green only for a place."""
    if registration.status == RegistrationStatus.WAITING:
        messages.info(request, _("The event is full, so you are on the waiting list: number %(position)s. "
                                 "If a place frees up, we tell you and you have time to confirm it.")
                      % {"position": selectors.waiting_position(registration)})
    else:
        messages.success(request, _("You have a place. Welcome!"))


@rate_limited("event_sign_up")
@require_http_methods(["GET", "POST"])
def activity_register(request, pk: int):
    """Sign up for an activity, with an account or without one, or see one's place,
    waiting-list position or offer. A full event says so before anyone signs up."""
    activity = selectors.visible_activity(request.user, pk)
    if activity.registration:
        services.settle_activity(activity)
    guest = not request.user.is_authenticated
    if guest:
        form_class = GuestRegistrationForm
    else:
        form_class = RegistrationForm if request.user.get_full_name() else NamedRegistrationForm
    form = form_class(posted(request))
    if request.method == "POST":
        if guest:
            saved = save_form(form, lambda data: services.register_guest(
                request.user, activity, {**data, "language": get_language()[:2]}))
        else:
            saved = save_form(form, lambda data: services.register(request.user, activity, data))
        if saved:
            _tell_outcome(request, saved)
            if guest:
                return redirect("registration_manage", token=codes.registration_link_token(saved))
            return redirect("activity_register", pk=activity.pk)
    return render(request, "participation/register.html", {
        "activity": activity, "procurement": activity.procurement, "form": form, "guest": guest,
        "places_left": selectors.places_left(activity), "past": activity.starts_at is not None and activity.starts_at <= timezone.now(),
        **_status_context(selectors.registration_of(activity, request.user)),
    }, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def registration_manage(request, token: str):
    """The page the link in a sign-up's messages opens: its status, and buttons to confirm an
    offered place or to cancel. Acting takes a button, so a link preview changes nothing."""
    registration = selectors.registration_by_link(token)
    status = 200
    if request.method == "POST":
        action = {"cancel": services.cancel_registration, "confirm": services.confirm_registration}.get(
            request.POST.get("action"))
        if action is None:
            return HttpResponseBadRequest()
        try:
            registration = action(None, registration)
        except ServiceError as error:
            messages.error(request, said(error))
            status = error.status
        else:
            messages.success(request, _("Your sign-up was cancelled.") if registration.status == RegistrationStatus.CANCELLED
                             else _("Your place is confirmed. Welcome!"))
            return redirect("registration_manage", token=token)
    activity = registration.activity
    return render(request, "participation/registration_manage.html", {
        "activity": activity, "procurement": activity.procurement, "token": token, **_status_context(registration),
    }, status=status)


def _registration_action(request, pk: int, action, success: str):
    registration = selectors.own_registration(request.user, pk)
    try:
        action(request.user, registration)
        messages.success(request, success)
    except ServiceError as error:
        messages.error(request, said(error))
    return redirect("activity_register", pk=registration.activity_id)


@login_required
@require_http_methods(["POST"])
def registration_cancel(request, pk: int):
    return _registration_action(request, pk, services.cancel_registration, _("Your sign-up was cancelled."))


@login_required
@require_http_methods(["POST"])
def registration_confirm(request, pk: int):
    return _registration_action(request, pk, services.confirm_registration, _("Your place is confirmed. Welcome!"))


@login_required
@require_http_methods(["GET", "POST"])
def activity_roster(request, pk: int):
    """The organiser's printable list: who is coming, what they need, who came."""
    activity = selectors.visible_activity(request.user, pk)
    require(request, "participation.manage", activity.procurement)
    services.settle_activity(activity)
    registrations = list(selectors.roster(activity))
    audit.record_personal_data_read(request.user, "activity_roster", activity, [r.participant_id for r in registrations])
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    form = AttendanceForm(posted(request), registrations=confirmed)
    if request.method == "POST" and save_form(
        form, lambda data: services.mark_attendance(request.user, activity, set(data["attended"]))
    ):
        messages.success(request, _("Attendance was saved."))
        return redirect("activity_roster", pk=activity.pk)
    return render(request, "participation/roster.html", {
        "activity": activity, "procurement": activity.procurement, "registrations": registrations, "form": form,
        "with_needs": [r for r in registrations if notices.needs_named(r)],
    }, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_door(request, pk: int):
    """At the door: the activity's attendance QR code for participants to scan, and a field where
    staff type or scan a participant's own code."""
    activity = selectors.visible_activity(request.user, pk)
    require(request, "participation.manage", activity.procurement)
    form = CheckInForm(posted(request), initial={"code": request.GET.get("code", "")[:40]})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                registration = services.check_in_with_registration_code(request.user, activity, form.cleaned_data["code"])
            except ServiceError as error:
                error.add_to_form(form)
                status = error.status
            else:
                messages.success(request, _("%(name)s is marked present.") % {"name": registration.participant})
                return redirect("activity_door", pk=activity.pk)
    code, until = codes.activity_code(activity)
    return render(request, "participation/door.html", {
        "activity": activity, "procurement": activity.procurement, "form": form, "until": until,
        "attended": selectors.attended_count(activity),
        "qr": sharing.qr_svg_data_uri(codes.check_in_link(activity, code)),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_check_in(request, pk: int, code: str):
    """The page a participant's phone opens from the code at the door. Marking happens on the
    button, not on opening the link, so a link preview marks nobody."""
    activity = selectors.visible_activity(request.user, pk)
    problem, status = None, 200
    if request.method == "POST":
        try:
            services.check_in_with_activity_code(request.user, activity, code)
        except ServiceError as error:
            problem, status = said(error), error.status
        else:
            messages.success(request, _("Welcome! You are marked present."))
            return redirect("activity_register", pk=activity.pk)
    else:
        try:
            codes.read_activity_code(code, activity)
        except DomainError as error:
            problem, status = message_for(error.code), 410 if error.code == "attendance_code_expired" else 400
    return render(request, "participation/check_in.html", {
        "activity": activity, "procurement": activity.procurement, "problem": problem,
    }, status=status)
