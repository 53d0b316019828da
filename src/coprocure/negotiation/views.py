"""A negotiation or dialogue stage's page: the meetings the reader may see with their minutes
(the candidate confirms or comments), the information log, and dialogue solutions; the
authority's forms to hold meetings, write minutes, name user representatives, send written
information to every candidate and publish a changed invitation to tender; the accountable
official's close of dialogue and then the stage's close."""

from __future__ import annotations

from django.forms import Form
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.core import visibility
from coprocure.procedures import selectors as procedures
from coprocure.web.forms import post_form, require

from . import selectors, services
from .forms import (ClosureForm, InformationForm, MeetingForm, MinutesForm, RepresentativeForm, ResponseForm,
                    SolutionForm, TenderChangeForm)


def _stage(request, pk: int):
    stage = procedures.visible_stage(request.user, pk)
    if stage.kind not in services.STAGES:
        raise Http404
    return stage


def _context(request, stage, forms: dict) -> dict:
    user, procurement = request.user, stage.procurement
    staff = user.has_perm("negotiation.manage", procurement)
    meetings = selectors.meetings(user, stage)
    for meeting in meetings:
        meeting.shown_confidential = visibility.shown(user, meeting, "confidential_minutes")
        meeting.own = bool(user.organisation_id) and meeting.organisation_id == user.organisation_id
    context = {"stage": stage, "procurement": procurement, "staff": staff, "meetings": meetings,
               "information": selectors.information(user, stage), "solutions": selectors.solutions(user, stage),
               "response_form": ResponseForm(), **forms}
    if staff:
        context["candidates"] = selectors.candidates(stage)
        context.setdefault("meeting_form", MeetingForm(candidates=context["candidates"]))
        for name, form in (("minutes_form", MinutesForm),
                           ("representative_form", RepresentativeForm), ("information_form", InformationForm),
                           ("change_form", TenderChangeForm)):
            context.setdefault(name, form())
    closure = getattr(stage, "dialogue_closure", None) if stage.kind == "dialogue" else None
    context["closure"] = closure
    if user.has_perm("negotiation.propose", procurement) and stage.kind == "dialogue" and closure is None:
        context.setdefault("solution_form", SolutionForm())
    if user.has_perm("negotiation.decide", procurement) and stage.kind == "dialogue" and stage.state == "open":
        context["may_decide"] = True
        if closure is None:
            context.setdefault("closure_form", ClosureForm(initial={"closed_on": timezone.localdate()}))
        else:
            context.setdefault("close_form", Form())
    return context


def negotiation(request, pk: int):
    stage = _stage(request, pk)
    return render(request, "negotiation/stage.html", _context(request, stage, {}))


def _post(request, stage, name, form, save, success):
    """The stage's page again with the form's errors, at the status the service refused with."""
    return post_form(request, form, save, success=success, next_url=reverse("negotiation", args=[stage.pk]),
                     page=lambda status: render(request, "negotiation/stage.html",
                                                _context(request, stage, {name: form}), status=status))


@login_required
@require_POST
def add_meeting(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.manage", stage.procurement)
    return _post(request, stage, "meeting_form", MeetingForm(request.POST, candidates=selectors.candidates(stage)),
                 lambda data: services.add_meeting(request.user, stage, data), _("Saved."))


@login_required
@require_POST
def write_minutes(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    require(request, "negotiation.manage", meeting.stage.procurement)
    return _post(request, meeting.stage, "minutes_form", MinutesForm(request.POST),
                 lambda data: services.write_minutes(request.user, meeting, data),
                 _("The minutes were saved. The candidate confirms or comments on them."))


@login_required
@require_POST
def respond(request, pk: int):
    meeting = selectors.own_meeting(request.user, pk)
    return _post(request, meeting.stage, "response_form", ResponseForm(request.POST),
                 lambda data: services.respond_to_minutes(request.user, meeting, data["confirm"], data["comment"]),
                 _("Thank you. The authority sees your answer."))


@login_required
@require_POST
def name_representative(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    require(request, "negotiation.manage", meeting.stage.procurement)
    return _post(request, meeting.stage, "representative_form", RepresentativeForm(request.POST),
                 lambda data: services.name_representative(request.user, meeting, data), _("Saved."))


@login_required
@require_POST
def send_information(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.manage", stage.procurement)
    return _post(request, stage, "information_form", InformationForm(request.POST),
                 lambda data: services.send_information(request.user, stage, data["text"]),
                 _("The information was sent to every candidate still in the procedure."))


@login_required
@require_POST
def publish_tender_change(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.manage", stage.procurement)
    return _post(request, stage, "change_form", TenderChangeForm(request.POST),
                 lambda data: services.publish_tender_change(request.user, stage, data["kind"]),
                 _("The new version was published and every candidate was told."))


@login_required
@require_POST
def propose_solution(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.propose", stage.procurement)
    return _post(request, stage, "solution_form", SolutionForm(request.POST),
                 lambda data: services.propose_solution(request.user, stage, data["text"]),
                 _("Your solution was saved. Only your organisation and the authority see it."))


@login_required
@require_POST
def close_dialogue(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.decide", stage.procurement)
    return _post(request, stage, "closure_form", ClosureForm(request.POST),
                 lambda data: services.close_dialogue(request.user, stage, data),
                 _("The dialogue was closed and every participant was told."))


@login_required
@require_POST
def close_stage(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.decide", stage.procurement)
    return _post(request, stage, "close_form", Form(request.POST),
                 lambda data: services.close_stage(request.user, stage), _("The stage was closed."))
