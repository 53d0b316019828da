"""The steering group: members, meetings, agendas, minutes and fees, decisions and positions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.errors import ServiceError
from coprocure.web.forms import flash_errors, form_page, posted

from .. import selectors, services
from ..forms import CompensationForm, DecisionForm, MeetingForm, MemberForm, MinutesForm, PositionForm
from ._common import FORM, contract_form, form_context, require


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    return contract_form(
        request, pk, MemberForm, title=_("Add a steering group member"), success=_("The member was added."),
        save=lambda contract, data: services.add_member(request.user, contract, data), needs_contract=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    return contract_form(
        request, pk, MeetingForm, title=_("Schedule a meeting"), success=_("The meeting was scheduled."),
        save=lambda contract, data: services.schedule_meeting(request.user, contract, data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    return contract_form(
        request, pk, DecisionForm, title=_("Record a decision"), success=_("The decision was recorded."),
        permission="contracts.decide",
        intro=_("Say what was decided, why, and whose proposal it was. The accountable official must be an official of the contracting authority."),
        save=lambda contract, data: services.record_decision(request.user, contract, data), needs_contract=True,
    )


def meeting_detail(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    return render(request, "contracts/meeting.html", {
        "meeting": meeting, "contract": meeting.contract,
        "can_manage": request.user.has_perm("contracts.manage", meeting.contract.procurement),
        "decisions": selectors.decisions_of_meeting(meeting),
    })


def _managed_meeting(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    require(request, "contracts.manage", meeting.contract.procurement)
    return meeting


@login_required
@require_POST
def agenda_publish(request, pk: int):
    meeting = _managed_meeting(request, pk)
    try:
        services.publish_agenda(request.user, meeting)
    except ServiceError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The agenda is now public."))
    return redirect("meeting_detail", pk=meeting.pk)


def _meeting_form(request, meeting, form, *, title: str, save, success: str, intro: str = ""):
    return form_page(
        request, form, template=FORM, context=form_context(title, contract=meeting.contract, intro=intro),
        save=save, success=success, next_url=lambda saved: reverse("meeting_detail", args=[meeting.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = _managed_meeting(request, pk)
    return _meeting_form(
        request, meeting, MinutesForm(posted(request), instance=meeting), title=_("Minutes and attendance"),
        save=lambda data: services.record_minutes(request.user, meeting, data), success=_("The minutes were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def compensation_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    return _meeting_form(
        request, meeting, CompensationForm(posted(request), meeting=meeting), title=_("Record a fee"),
        intro=_("Experts by experience and peers are paid for their time in meetings."),
        save=lambda data: services.record_compensation(request.user, meeting, data), success=_("The fee was recorded."),
    )


def decision_detail(request, pk: int):
    decision = selectors.visible_decision(request.user, pk)
    positions = list(decision.positions.all())
    return render(request, "contracts/decision.html", {
        "decision": decision, "contract": decision.contract, "positions": positions,
        "client_views": [position for position in positions if position.is_client_view and position.view],
        "can_decide": request.user.has_perm("contracts.decide", decision.contract.procurement),
    })


@login_required
@require_http_methods(["GET", "POST"])
def position_record(request, pk: int):
    decision = selectors.visible_decision(request.user, pk)
    require(request, "contracts.decide", decision.contract.procurement)
    intro = _("Each member supports, opposes, abstains or dissents. A dissent is recorded with the member's view in their own words.")
    return form_page(
        request, PositionForm(posted(request), decision=decision), template=FORM,
        context=form_context(_("Record a member's position"), contract=decision.contract, intro=intro),
        save=lambda data: services.record_position(request.user, decision, data), success=_("The position was recorded."),
        next_url=lambda saved: reverse("decision_detail", args=[decision.pk]),
    )
