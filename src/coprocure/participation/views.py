"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from coprocure.caching.pages import public_page
from coprocure.replica import report
from coprocure.core.models import Procurement, TargetGroup
from coprocure.core.selectors import visible_procurement
from coprocure.errors import ServiceError, message_for
from coprocure.followup.forms import FollowUpForm
from coprocure.web.forms import posted, save_form

from . import exports, selectors, services
from .forms import (
    ActivityForm, AnswerForm, AttendanceForm, BatchForm, ContributionForm, ExcerptRedactionForm, InsightDecisionForm, InsightForm, PlanForm, QuestionForm, RegistrationForm,
    SurveyForm,
)
from .models import Activity, Insight, Registration, RegistrationStatus, Survey, SurveyMode


def _require_manage(request, procurement: Procurement) -> None:
    if not request.user.has_perm("participation.manage", procurement):
        raise PermissionDenied


def _activity(request, pk: int) -> Activity:
    activity = Activity.objects.select_related("procurement").filter(pk=pk).first()
    if activity is None or not request.user.has_perm("participation.view", activity.procurement):
        raise Http404
    return activity


def _form_page(request, form, *, title: str, procurement: Procurement, save, success: str, next_url, extra=None):
    """Render a staff form; on a valid POST run the service and go to ``next_url(saved)``."""
    if request.method == "POST":
        saved = save_form(form, save)
        if saved:
            messages.success(request, success)
            return redirect(next_url(saved))
    context = {"form": form, "title": title, "procurement": procurement, **(extra or {})}
    return render(request, "participation/form.html", context, status=422 if form.errors else 200)


def procurement_participation(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    plan = selectors.plan_of(procurement)
    groups = {group.code: group for group in TargetGroup.objects.all()}
    reach = [(groups[code], number) for code, number in (plan.reach.items() if plan else []) if code in groups]
    return render(request, "participation/procurement.html", {
        "procurement": procurement,
        "plan": plan,
        "reach": reach,
        "activities": selectors.activities_of(procurement),
        "can_manage": request.user.has_perm("participation.manage", procurement),
        "can_view_results": request.user.has_perm("participation.view_results", procurement),
        "can_enter_answers": request.user.has_perm("participation.enter_answers", procurement),
    })


def _participation_url(procurement: Procurement) -> str:
    return reverse("participation", args=[procurement.pk])


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require_manage(request, procurement)
    form = PlanForm(posted(request), instance=selectors.plan_of(procurement), authority=procurement.authority)
    return _form_page(
        request, form, title=_("Participation plan"), procurement=procurement,
        save=lambda data: services.save_plan(request.user, procurement, data),
        success=_("The participation plan was saved."), next_url=lambda saved: _participation_url(procurement),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require_manage(request, procurement)
    form = ActivityForm(posted(request), initial={"phase": procurement.phase})
    return _form_page(
        request, form, title=_("New activity"), procurement=procurement,
        save=lambda data: services.create_activity(request.user, procurement, data),
        success=_("The activity was added."), next_url=lambda saved: _participation_url(procurement),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk: int):
    activity = _activity(request, pk)
    _require_manage(request, activity.procurement)
    form = ActivityForm(posted(request), instance=activity)
    return _form_page(
        request, form, title=_("Edit activity"), procurement=activity.procurement,
        save=lambda data: services.update_activity(request.user, activity, data),
        success=_("The changes were saved."), next_url=lambda saved: _participation_url(activity.procurement),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, pk: int):
    activity = _activity(request, pk)
    _require_manage(request, activity.procurement)
    form = SurveyForm(posted(request))
    return _form_page(
        request, form, title=_("New survey"), procurement=activity.procurement,
        save=lambda data: services.create_survey(request.user, activity, data),
        success=_("The survey was created. Now add its questions."),
        next_url=lambda saved: reverse("question_add", args=[saved.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, pk: int):
    survey = selectors.visible_survey(request.user, pk)
    _require_manage(request, survey.procurement)
    form = QuestionForm(posted(request))
    return _form_page(
        request, form, title=_("Add a question"), procurement=survey.procurement,
        save=lambda data: services.add_question(request.user, survey, data),
        success=_("The question was added."), next_url=lambda saved: reverse("question_add", args=[survey.pk]),
        extra={"survey": survey, "questions": survey.questions.all()},
    )


@require_http_methods(["GET", "POST"])
def survey_answer(request, pk: int):
    survey = selectors.visible_survey(request.user, pk)
    if survey.mode == SurveyMode.IDENTIFIED and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    is_open = selectors.is_open(survey)
    form = AnswerForm(posted(request), survey=survey)
    if request.method == "POST" and is_open and form.is_valid():
        participant = request.user if request.user.is_authenticated and survey.mode == SurveyMode.IDENTIFIED else None
        if save_form(form, lambda data: services.submit_response(
            survey, form.answers(), token=data.get("token") or None, participant=participant,
            background=form.background(),
        )):
            return redirect("survey_thanks", pk=survey.pk)
    if request.method == "GET" and is_open:
        form.initial["token"] = services.issue_token(survey)
    if request.method == "POST" and not is_open:
        status = 409
    else:
        status = 422 if request.method == "POST" else 200
    return render(request, "participation/survey_answer.html", {"survey": survey, "form": form, "is_open": is_open},
                  status=status)


def survey_thanks(request, pk: int):
    survey = selectors.visible_survey(request.user, pk)
    return render(request, "participation/survey_thanks.html", {"survey": survey, "form": FollowUpForm()})


def _results_survey(request, pk: int) -> Survey:
    survey = selectors.visible_survey(request.user, pk)
    if not request.user.has_perm("participation.view_results", survey.procurement):
        raise PermissionDenied
    return survey


def results_download(survey: Survey, extension: str) -> HttpResponse:
    """The suppressed results as a file; shared by the page's download links and the API."""
    if extension == "csv":
        body, content_type = exports.as_csv(survey), "text/csv; charset=utf-8"
    else:
        body, content_type = exports.as_xlsx(survey), exports.XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(survey, extension)}"'
    return response


@login_required
@report
def survey_results_export(request, pk: int, extension: str):
    return results_download(_results_survey(request, pk), extension)


@login_required
@report
def survey_results(request, pk: int):
    survey = _results_survey(request, pk)
    return render(request, "participation/survey_results.html", {
        "survey": survey, "results": selectors.results(survey),
        "can_manage": request.user.has_perm("participation.manage", survey.procurement),
    })


@public_page("you-said-we-did")
def you_said_we_did(request, pk: int):
    """Public: every insight in plain language and what became of it."""
    procurement = visible_procurement(request.user, pk)
    return render(request, "participation/you_said_we_did.html", {
        "procurement": procurement,
        "insights": selectors.insights_of(procurement),
        "can_manage": request.user.has_perm("participation.manage", procurement),
    })


def _you_said_url(procurement: Procurement) -> str:
    return reverse("participation_you_said_we_did", args=[procurement.pk])


def _source_initial(request) -> dict:
    """Prefill the source when staff start from an activity or a survey question."""
    initial = {}
    activity = request.GET.get("activity", "")
    question = request.GET.get("question", "")
    if activity.isdigit():
        initial["activity"] = int(activity)
    if question.isdigit():
        initial["question"] = int(question)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def insight_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require_manage(request, procurement)
    form = InsightForm(posted(request), procurement=procurement, initial=_source_initial(request))
    return _form_page(
        request, form, title=_("New insight"), procurement=procurement,
        save=lambda data: services.create_insight(request.user, procurement, data),
        success=_("The insight was saved."), next_url=lambda saved: _you_said_url(procurement),
    )


@login_required
@require_http_methods(["GET", "POST"])
def insight_decide(request, pk: int):
    try:
        insight = selectors.insight_page(pk)
    except Insight.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("participation.view", insight.procurement):
        raise Http404
    _require_manage(request, insight.procurement)
    form = InsightDecisionForm(posted(request), instance=insight)
    return _form_page(
        request, form, title=_("What became of the insight"), procurement=insight.procurement,
        save=lambda data: services.decide_insight(request.user, insight, data["status"], data["status_reason"]),
        success=_("The decision was saved and is shown publicly."),
        next_url=lambda saved: _you_said_url(insight.procurement), extra={"insight": insight},
    )


@login_required
@require_http_methods(["GET", "POST"])
def excerpt_redact(request, pk: int):
    """Moderation: hide part of a quoted excerpt with a reason; the excerpt itself is kept."""
    try:
        insight = selectors.insight_page(pk)
    except Insight.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("participation.view", insight.procurement):
        raise Http404
    _require_manage(request, insight.procurement)
    form = ExcerptRedactionForm(posted(request), excerpts=insight.excerpts)
    return _form_page(
        request, form, title=_("Hide part of a quotation"), procurement=insight.procurement,
        save=lambda data: services.redact_excerpt(request.user, insight, data),
        success=_("The part was hidden. The original text is kept."),
        next_url=lambda saved: f"{_you_said_url(insight.procurement)}#insight-{insight.pk}", extra={"insight": insight},
    )


@login_required
@report
def equality_monitor(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("participation.view_results", procurement):
        raise PermissionDenied
    plan = selectors.plan_of(procurement)
    return render(request, "participation/equality.html", {
        "procurement": procurement, "plan": plan, "monitor": selectors.equality_monitor(procurement, plan),
    })


@require_http_methods(["GET", "POST"])
def activity_register(request, pk: int):
    """Sign up for an activity, or see one's place, waiting-list position or offer."""
    activity = _activity(request, pk)
    if activity.registration:
        services.settle_activity(activity)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = RegistrationForm(posted(request))
    if request.method == "POST" and save_form(form, lambda data: services.register(request.user, activity, data)):
        messages.success(request, _("You are signed up."))
        return redirect("activity_register", pk=activity.pk)
    registration = selectors.registration_of(activity, request.user)
    return render(request, "participation/register.html", {
        "activity": activity, "procurement": activity.procurement, "form": form, "registration": registration,
        "position": selectors.waiting_position(registration)
        if registration and registration.status == RegistrationStatus.WAITING else None,
    }, status=422 if form.errors else 200)


def _registration_action(request, pk: int, action, success: str):
    registration = Registration.objects.select_related("activity__procurement").filter(
        pk=pk, participant=request.user).first()
    if registration is None:
        raise Http404
    try:
        action(request.user, registration)
        messages.success(request, success)
    except ServiceError as error:
        messages.error(request, " ".join(message for problems in error.errors.values() for _code, message in problems))
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
    activity = _activity(request, pk)
    _require_manage(request, activity.procurement)
    services.settle_activity(activity)
    registrations = list(selectors.roster(activity))
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    form = AttendanceForm(posted(request), registrations=confirmed)
    if request.method == "POST" and save_form(
        form, lambda data: services.mark_attendance(request.user, activity, set(data["attended"]))
    ):
        messages.success(request, _("Attendance was saved."))
        return redirect("activity_roster", pk=activity.pk)
    return render(request, "participation/roster.html", {
        "activity": activity, "procurement": activity.procurement, "registrations": registrations, "form": form,
    }, status=422 if form.errors else 200)


BATCH_SIZES = (1, 5, 10, 20, 50)


def _batch_size(request) -> int:
    raw = (request.POST if request.method == "POST" else request.GET).get("count", "")
    return int(raw) if raw.isdigit() and int(raw) in BATCH_SIZES else 5


@login_required
@require_http_methods(["GET", "POST"])
def batch_enter(request, pk: int):
    """Staff or peers type in answers collected on paper or by interview, several people at once.
    Empty forms are skipped; nothing is stored unless every filled form is accepted."""
    survey = selectors.visible_survey(request.user, pk)
    if not request.user.has_perm("participation.enter_answers", survey.procurement):
        raise PermissionDenied
    count = _batch_size(request)
    batch = BatchForm(posted(request), initial={"count": count})
    entries = [AnswerForm(posted(request), survey=survey, prefix=f"p{number}") for number in range(1, count + 1)]
    if request.method == "POST":
        filled = [(number, form) for number, form in enumerate(entries, start=1) if form.has_changed()]
        valid = batch.is_valid() & all([form.is_valid() for _number, form in filled])
        if not filled:
            batch.add_error(None, message_for("batch_empty"))
        elif valid:
            try:
                saved = services.enter_batch(request.user, survey, batch.cleaned_data["channel"],
                                             batch.cleaned_data["place"],
                                             [{"answers": form.answers(), **form.background()} for _n, form in filled])
            except ServiceError as error:
                _errors_to_forms(error, batch, [form for _number, form in filled])
            else:
                messages.success(request, ngettext(
                    "%(count)s person's answers were saved.", "%(count)s people's answers were saved.", saved.answer_count,
                ) % {"count": saved.answer_count})
                return redirect(f"{reverse('batch_enter', args=[survey.pk])}?count={count}")
    status = 422 if request.method == "POST" else 200
    return render(request, "participation/batch.html", {
        "survey": survey, "procurement": survey.procurement, "batch": batch, "entries": entries,
        "sizes": BATCH_SIZES, "count": count, "is_open": selectors.is_open(survey),
    }, status=status)


def _errors_to_forms(error: ServiceError, batch: BatchForm, filled: list) -> None:
    """Put ``3.q12`` errors on the third filled form's field q12, and the rest on the batch."""
    for field, problems in error.errors.items():
        number, _dot, name = (field or "").partition(".")
        form = filled[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(filled) else None
        target, target_field = (form, name or None) if form is not None else (batch, field if field in batch.fields else None)
        if target_field is not None and target_field not in target.fields:
            target_field = None
        for _code, message in problems:
            target.add_error(target_field, message)


@login_required
@require_http_methods(["GET", "POST"])
def contributions(request, pk: int):
    """Record the hours, fee and travel costs of experts by experience and peers at an activity."""
    activity = _activity(request, pk)
    _require_manage(request, activity.procurement)
    form = ContributionForm(posted(request), procurement=activity.procurement)
    return _form_page(
        request, form, title=_("Experts' work and pay: %(activity)s") % {"activity": activity},
        procurement=activity.procurement,
        save=lambda data: services.record_contribution(request.user, activity, data),
        success=_("The work and pay were recorded."), next_url=lambda saved: reverse("contributions", args=[activity.pk]),
        extra={"contributions": activity.contributions.select_related("person")},
    )


@login_required
def payroll_export(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("participation.view_results", procurement):
        raise PermissionDenied
    return payroll_download(procurement)


def payroll_download(procurement: Procurement) -> HttpResponse:
    response = HttpResponse(exports.payroll_csv(procurement), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="procurement-{procurement.pk}-experts-payroll.csv"'
    return response
