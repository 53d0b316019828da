"""Surveys: building, opening and closing them, answering, sharing and printing, the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils import translation as django_translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.fields import LANGUAGE_LABELS
from coprocure.domain import translation
from coprocure.errors import ServiceError
from coprocure.replica import report
from coprocure.web.forms import form_page, posted, save_form
from coprocure.web.pdf import pdf_response
from coprocure.web.ratelimit import rate_limited

from .. import exports, open_now, selectors, services, sharing, tasks
from ..forms import AnswerForm, QuestionForm, SurveyForm
from ..models import LIKERT_LABELS, AgeBand, Survey, SurveyMode
from ..unlinkable import unlinkable
from ._common import FORM_TEMPLATE, require, said


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, pk: int):
    activity = selectors.visible_activity(request.user, pk)
    require(request, "participation.manage", activity.procurement)
    form = SurveyForm(posted(request))
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.create_survey(request.user, activity, data),
        success=_("The survey was created. Now add its questions."),
        next_url=lambda saved: reverse("question_add", args=[saved.pk]),
        context={"title": _("New survey"), "procurement": activity.procurement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, pk: int):
    survey = selectors.visible_survey(request.user, pk)
    require(request, "participation.manage", survey.procurement)
    form = QuestionForm(posted(request))
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.add_question(request.user, survey, data),
        success=_("The question was added."), next_url=lambda saved: reverse("question_add", args=[survey.pk]),
        context={"title": _("Add a question"), "procurement": survey.procurement, "survey": survey,
                 "questions": survey.questions.all(), "is_open": selectors.is_open(survey)},
    )


@login_required
@require_http_methods(["POST"])
def survey_open_close(request, pk: int, action: str):
    """The builder's "Open now" and "Close now" buttons."""
    survey = selectors.visible_survey(request.user, pk)
    require(request, "participation.manage", survey.procurement)
    service, success = ((services.open_survey, _("The survey is open: anyone with the link can answer now."))
                        if action == "open" else (services.close_survey, _("The survey is closed.")))
    try:
        service(request.user, survey)
        messages.success(request, success)
    except ServiceError as error:
        messages.error(request, said(error))
    return redirect("question_add", pk=survey.pk)


TOKEN_RENEWED = {"token_invalid", "token_expired"}


@require_http_methods(["GET", "POST"])
@unlinkable
@rate_limited("survey_answer")
def survey_answer(request, pk: int):
    """The answering form. Reading it writes nothing (its one-time token is a signed value); an
    anonymous survey's answer is sent without anyone being asked who they are."""
    survey = selectors.answering_survey(request, pk)
    identified = survey.mode == SurveyMode.IDENTIFIED
    if identified and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # An outcome round is answered with an invitation code on its own page, never here.
    is_open = selectors.is_open(survey) and not survey.by_invitation
    form = AnswerForm(posted(request), survey=survey)
    if request.method == "POST" and is_open and form.is_valid():
        if save_form(form, lambda data: services.submit_response(
            survey, form.answers(), token=data.get("token") or "", participant=request.user if identified else None,
            background=form.background(),
        )):
            return redirect("survey_thanks", pk=survey.pk)
        _token_problems_on_top(form, survey)
    if request.method == "GET" and is_open:
        form.initial["token"] = services.issue_token(survey)
    if request.method == "POST" and not is_open:
        status = 403 if survey.by_invitation else 409
    else:
        status = 422 if request.method == "POST" else 200
    return render(request, "participation/survey_answer.html", {
        "survey": survey, "form": form, "is_open": is_open,
        # A survey that is not open says why and offers other ways on; never a bare "cannot answer".
        "opens_later": not is_open and survey.opens_at is not None and survey.opens_at > timezone.now(),
        "others": [] if is_open else list(open_now.other_open_surveys(survey)),
    }, status=status)


def _token_problems_on_top(form: AnswerForm, survey: Survey) -> None:
    """A refused token is said at the top of the form (its field is hidden). A form that was
    open too long or made before the site's keys changed gets a fresh token, so the person can
    send the answers still on it; a spent token stays spent, so a second click stores nothing."""
    problems = form.errors.pop("token", None)
    if not problems:
        return
    form.errors.setdefault(NON_FIELD_ERRORS, form.error_class(error_class="nonfield")).extend(problems)
    if any(error.code in TOKEN_RENEWED for error in problems.as_data()):
        form.data = form.data.copy()
        form.data["token"] = services.issue_token(survey)


@unlinkable
def survey_thanks(request, pk: int):
    survey = selectors.answering_survey(request, pk)
    return render(request, "participation/survey_thanks.html", {"survey": survey})


def _shared_survey(request, pk: int) -> Survey:
    """Staff and the peers who collect answers where people are hand out the link and the form."""
    survey = selectors.visible_survey(request.user, pk)
    require(request, "participation.enter_answers", survey.procurement)
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
            "target_groups": [str(group) for group in selectors.target_groups().values()],
        }, f"survey-{survey.pk}-{language}.pdf")


def _results_survey(request, pk: int) -> Survey:
    survey = selectors.visible_survey(request.user, pk)
    require(request, "participation.view_results", survey.procurement)
    return survey


@login_required
@report
def survey_results_export(request, pk: int, extension: str):
    return exports.results_download(_results_survey(request, pk), extension)


@login_required
@require_http_methods(["POST"])
def survey_results_job(request, pk: int, extension: str):
    """A large survey's results are written by a worker: the person follows the job's page."""
    job = tasks.start_results_export(request.user, _results_survey(request, pk), extension)
    return redirect("job_detail", job.pk)


@login_required
@report
def survey_results(request, pk: int):
    survey = _results_survey(request, pk)
    return render(request, "participation/survey_results.html", {
        "survey": survey, "results": selectors.results(survey),
        "can_manage": request.user.has_perm("participation.manage", survey.procurement),
        "export_in_request": tasks.exported_in_request(survey),
    })
