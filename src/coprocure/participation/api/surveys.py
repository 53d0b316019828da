"""Surveys: the public reads the questions and answers without an account; the procurement's
staff build, open and close surveys, type in answers collected on paper and read the results."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.domain import translation
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services
from ..exports import results_download
from ..forms import QuestionForm, SurveyForm
from ..models import Survey, SurveyMode
from ..schemas import BatchIn, BatchOut, ResponseIn, ResponseOut, SurveyIn, SurveyOut, QuestionIn
from . import router

survey_by_pk = by_pk(selectors.visible_survey)


def _procurement(survey: Survey):
    return survey.procurement


def _survey_out(survey: Survey) -> dict:
    language = get_language() or translation.SOURCE_LANGUAGE
    return {
        "id": survey.pk, "procurement": survey.activity.procurement_id,
        "title": translation.normalise(survey.title), "intro": translation.normalise(survey.intro),
        "mode": survey.mode, "opens_at": survey.opens_at, "closes_at": survey.closes_at,
        "is_open": selectors.is_open(survey),
        "questions": [
            {"key": q.key, "kind": q.kind, "text": translation.normalise(q.text), "required": q.required,
             "choices": [{"value": v, "label": label} for v, label in selectors.choice_labels(q, language)],
             "allow_other": q.allow_other, "minimum": q.minimum, "maximum": q.maximum}
            for q in survey.questions.all()
        ],
    }


def _survey_now(request, pk: int) -> dict:
    """The survey as it is after a change, read again with its questions in order."""
    return _survey_out(selectors.visible_survey(request.user, pk))


@router.get("/surveys/{pk}", response={200: SurveyOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=survey_by_pk)
def get_survey(request, pk: int):
    return _survey_out(target(request))


@router.post("/activities/{pk}/surveys", response={201: SurveyOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(selectors.visible_activity), of=lambda activity: activity.procurement)
def create_survey(request, pk: int, payload: SurveyIn):
    """A new survey on the activity; ``mode`` is ``anonymous`` or ``identified``. Without
    ``opens_at`` it is open at once: give a future ``opens_at`` and ``POST /surveys/{id}/open``
    when the questions are ready (the procurement's staff)."""
    survey = services.create_survey(request.user, target(request), validated(SurveyForm, payload.dict()))
    return Status(201, _survey_now(request, survey.pk))


@router.post("/surveys/{pk}/questions", response={201: SurveyOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=survey_by_pk, of=_procurement)
def add_question(request, pk: int, payload: QuestionIn):
    """Add a question: ``kind`` ``likert``, ``single``, ``multiple`` (``choices``: one per line,
    the same lines in each language; ``allow_other``), ``number`` (``minimum``, ``maximum``) or
    ``text``; 409 ``survey_has_answers`` once people have answered (the procurement's staff)."""
    services.add_question(request.user, target(request), validated(QuestionForm, payload.dict()))
    return Status(201, _survey_now(request, pk))


@router.post("/surveys/{pk}/open", response={200: SurveyOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=survey_by_pk, of=_procurement)
def open_survey(request, pk: int):
    """Open the survey for answers now (409 ``survey_has_no_questions`` without questions)."""
    services.open_survey(request.user, target(request))
    return _survey_now(request, pk)


@router.post("/surveys/{pk}/close", response={200: SurveyOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=survey_by_pk, of=_procurement)
def close_survey(request, pk: int):
    """Stop taking answers now; answers given so far stay."""
    services.close_survey(request.user, target(request))
    return _survey_now(request, pk)


@router.post("/surveys/{pk}/responses", response={201: ResponseOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE)
@decorate_view(rate_limited("survey_answer"))
@permitted(None, load=survey_by_pk)
def submit_response(request, pk: int, payload: ResponseIn):
    """Answers map question keys (``q12``) to values: Likert 1–5, a choice value, a list of
    choice values, a number, a text, or ``{"choice": "other", "text": "..."}``."""
    survey = target(request)
    signed_in = request.user.is_authenticated and survey.mode == SurveyMode.IDENTIFIED
    response = services.submit_response(
        survey, payload.answers, token=payload.token, participant=request.user if signed_in else None,
        background={"target_group": payload.target_group, "age_band": payload.age_band},
    )
    return Status(201, {"received": True, "answered_on": response.answered_on.isoformat()})


@router.post("/surveys/{pk}/batches", response={201: BatchOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.enter_answers", load=survey_by_pk, of=_procurement)
def enter_batch(request, pk: int, payload: BatchIn):
    """Answers collected on paper (``paper``), by phone (``phone``) or with help on site
    (``assisted``), all stored or none; an error in the third entry names fields ``3.<key>``.
    The procurement's staff, peers and experts by experience."""
    place = payload.place.strip()[:200]
    entries = [entry.dict() for entry in payload.entries]
    return Status(201, services.enter_batch(request.user, target(request), payload.channel, place, entries))


@router.get("/surveys/{pk}/results.csv", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=survey_by_pk, of=_procurement)
def results_csv(request, pk: int):
    """The suppressed results per question, for all channels and per channel (the procurement's staff)."""
    return results_download(target(request), "csv")


@router.get("/surveys/{pk}/results.xlsx", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=survey_by_pk, of=_procurement)
def results_xlsx(request, pk: int):
    """The same figures as ``results.csv`` as an Excel workbook."""
    return results_download(target(request), "xlsx")
