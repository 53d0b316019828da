"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.audit import services as audit
from coprocure.caching.pages import public_page
from coprocure.core.fields import LANGUAGE_LABELS
from coprocure.core.models import Procurement, TargetGroup
from coprocure.web.ratelimit import rate_limited
from coprocure.core.moderation import RedactionForm
from coprocure.core.selectors import visible_procurement
from coprocure.domain import translation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, message_for
from coprocure.replica import report
from coprocure.web.pdf import pdf_response
from coprocure.web.forms import posted, save_form

from . import codes, exports, notices, selectors, services, sharing
from .forms import (
    ActivityForm,
    AnswerForm,
    AttendanceForm,
    BatchForm,
    CheckInForm,
    ContributionForm,
    ExcerptRedactionForm,
    InsightDecisionForm,
    InsightForm,
    PlanForm,
    PublishAnswerForm,
    QuestionForm,
    RegistrationForm,
    SurveyForm,
)
from .models import (
    LIKERT_LABELS,
    Activity,
    AgeBand,
    Insight,
    PublishedAnswer,
    Question,
    QuestionKind,
    Registration,
    RegistrationStatus,
    Survey,
    SurveyMode,
)


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
        extra={"survey": survey, "questions": survey.questions.all(), "is_open": selectors.is_open(survey)},
    )


@login_required
@require_http_methods(["POST"])
def survey_open_close(request, pk: int, action: str):
    """The builder's "Open now" and "Close now" buttons."""
    survey = selectors.visible_survey(request.user, pk)
    _require_manage(request, survey.procurement)
    service, success = ((services.open_survey, _("The survey is open: anyone with the link can answer now."))
                        if action == "open" else (services.close_survey, _("The survey is closed.")))
    try:
        service(request.user, survey)
        messages.success(request, success)
    except ServiceError as error:
        messages.error(request, " ".join(message for problems in error.errors.values() for _code, message in problems))
    return redirect("question_add", pk=survey.pk)


@require_http_methods(["GET", "POST"])
@rate_limited("survey_answer")
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


def _shared_survey(request, pk: int) -> Survey:
    """Staff and the peers who collect answers where people are hand out the link and the form."""
    survey = selectors.visible_survey(request.user, pk)
    if not request.user.has_perm("participation.enter_answers", survey.procurement):
        raise PermissionDenied
    return survey


def _survey_languages(survey: Survey) -> list[str]:
    """The languages the survey is written in: those of its title, Finnish first."""
    return [language for language in translation.LANGUAGES if language in translation.normalise(survey.title)] or [
        translation.SOURCE_LANGUAGE]


@login_required
def survey_share(request, pk: int):
    """The public link and its QR code, to put on posters, leaflets and in e-mails."""
    survey = _shared_survey(request, pk)
    return render(request, "participation/survey_share.html", {
        "survey": survey, "procurement": survey.procurement, "link": sharing.public_link(survey),
        "is_open": selectors.is_open(survey),
        "languages": [(code, LANGUAGE_LABELS[code]) for code in _survey_languages(survey)],
    })


@login_required
def survey_qr(request, pk: int, extension: str):
    survey = _shared_survey(request, pk)
    if extension == "svg":
        body, content_type = sharing.qr_svg(survey), "image/svg+xml"
    else:
        body, content_type = sharing.qr_png(survey), "image/png"
    response = HttpResponse(body, content_type=content_type)
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-qr.{extension}"'
    return response


@login_required
def survey_print(request, pk: int):
    """The survey as a large-print paper form in one of its languages, with the QR code to the
    online form; answers collected on it are typed in through batch entry."""
    survey = _shared_survey(request, pk)
    languages = _survey_languages(survey)
    wanted = request.GET.get("lang") or get_language()
    language = wanted if wanted in languages else languages[0]
    with django_translation.override(language):
        return pdf_response(request, "participation/pdf/survey.html", {
            "survey": survey, "procurement": survey.procurement, "link": sharing.public_link(survey),
            "qr": sharing.qr_data_uri(survey), "questions": selectors.printable_questions(survey, language),
            "likert": [str(label) for _n, label in LIKERT_LABELS], "age_bands": [str(label) for _c, label in AgeBand.choices],
            "target_groups": [str(group) for group in TargetGroup.objects.all()],
        }, f"survey-{survey.pk}-{language}.pdf")


def survey_thanks(request, pk: int):
    survey = selectors.visible_survey(request.user, pk)
    return render(request, "participation/survey_thanks.html", {"survey": survey})


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
        "published": selectors.published_answers_of(procurement),
        "can_manage": request.user.has_perm("participation.manage", procurement),
    })


def published_answers_download(procurement: Procurement, extension: str) -> HttpResponse:
    """The published answers as the public sees them; shared by the page's links and the API."""
    rows = exports.published_rows(procurement)
    if extension == "csv":
        body, content_type = exports.rows_csv(rows), "text/csv; charset=utf-8"
    else:
        body, content_type = exports.rows_xlsx(rows, _("In people's own words")), exports.XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="procurement-{procurement.pk}-answers.{extension}"'
    return response


def published_answers_export(request, pk: int, extension: str):
    return published_answers_download(visible_procurement(request.user, pk), extension)


@login_required
@require_http_methods(["GET", "POST"])
def answer_publish(request, pk: int):
    """Choose free-text answers, or excerpts of them, to show on "you said, we did"."""
    question = Question.objects.select_related("survey__activity__procurement").filter(pk=pk).first()
    if question is None or not request.user.has_perm("participation.view", question.survey.procurement):
        raise Http404
    procurement = question.survey.procurement
    _require_manage(request, procurement)
    form = PublishAnswerForm(posted(request))
    if request.method == "POST" and save_form(form, lambda data: services.publish_answer(request.user, question, data["text"])):
        messages.success(request, _("The text is now shown on the “You said, we did” page."))
        return redirect("answer_publish", pk=question.pk)
    row = next((row for row in selectors.results(question.survey)["questions"] if row["question"].pk == question.pk), {})
    return render(request, "participation/publish.html", {
        "question": question, "survey": question.survey, "procurement": procurement, "form": form,
        "texts": row.get("texts", []) if question.kind == QuestionKind.TEXT else [],
        "published": question.published_answers.all(),
    }, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def published_answer_redact(request, pk: int):
    """Moderation: hide part of a published answer with a reason; the text itself is kept."""
    published = PublishedAnswer.objects.select_related("question__survey__activity__procurement").filter(pk=pk).first()
    if published is None or not request.user.has_perm("participation.view", published.question.survey.procurement):
        raise Http404
    procurement = published.question.survey.procurement
    _require_manage(request, procurement)
    form = RedactionForm(posted(request), text=published.text)
    return _form_page(
        request, form, title=_("Hide part of a published answer"), procurement=procurement,
        save=lambda data: services.redact_published_answer(request.user, published, data),
        success=_("The part was hidden. The original text is kept."),
        next_url=lambda saved: f"{_you_said_url(procurement)}#answer-{published.pk}",
        extra={"intro_text": published.public_text},
    )


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


def public_equality(request, pk: int):
    """Public: whom the procurement heard, per phase and overall. Only suppressed counts and what
    is derived from shown counts are on it, as on the staff page, so it is safe to publish."""
    procurement = visible_procurement(request.user, pk)
    plan = selectors.plan_of(procurement)
    return render(request, "participation/equality.html", {
        "procurement": procurement, "plan": plan, "monitor": selectors.equality_monitor(procurement, plan),
        "public": True,
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
    door_code = codes.registration_code(registration) if registration else None
    return render(request, "participation/register.html", {
        "activity": activity, "procurement": activity.procurement, "form": form, "registration": registration,
        "door_code": door_code,
        "door_qr": sharing.qr_svg_data_uri(settings.COPROCURE_PUBLIC_URL + reverse("activity_door", args=[activity.pk])
                                           + f"?code={door_code}") if door_code else None,
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
    activity = _activity(request, pk)
    _require_manage(request, activity.procurement)
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
        "attended": activity.registrations.filter(attended=True).count(),
        "qr": sharing.qr_svg_data_uri(codes.check_in_link(activity, code)),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_check_in(request, pk: int, code: str):
    """The page a participant's phone opens from the code at the door. Marking happens on the
    button, not on opening the link, so a link preview marks nobody."""
    activity = _activity(request, pk)
    problem, status = None, 200
    if request.method == "POST":
        try:
            services.check_in_with_activity_code(request.user, activity, code)
        except ServiceError as error:
            problem, status = " ".join(m for problems in error.errors.values() for _c, m in problems), error.status
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
    audit.record_personal_data_read(request.user, "contributions", activity,
                                    activity.contributions.values_list("person_id", flat=True))
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
    return payroll_download(procurement, request.user)


def payroll_download(procurement: Procurement, reader) -> HttpResponse:
    audit.record_personal_data_read(reader, "payroll", procurement,
                                    selectors.contributions_of(procurement).values_list("person_id", flat=True))
    response = HttpResponse(exports.payroll_csv(procurement), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="procurement-{procurement.pk}-experts-payroll.csv"'
    return response
