"""Surveys: the public reads the questions and answers without an account; the procurement's
staff build, open and close surveys, type in answers collected on paper and read the results."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.domain import translation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services, tokens
from ..exports import results_download
from ..forms import QuestionForm, SurveyForm
from ..models import Survey, SurveyMode
from ..schemas import AnswerTokenOut, BatchIn, BatchOut, QuestionIn, ResponseIn, ResponseOut, SurveyIn, SurveyOut
from ..unlinkable import unlinkable
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
@decorate_view(unlinkable)
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


class AnswerCaller:
    """Who is answering. For an anonymous survey of a public procurement nobody is asked: no
    session and no token is looked at, so the request carries no caller at all. For an
    identified survey, the signed-in person: a bearer token, or the session with its CSRF
    token. (An anonymous survey of a private procurement is answered by those who may see it,
    which the loader below asks; nothing about them is stored either.)"""

    def __call__(self, request):
        survey = _survey_to_answer(request)
        if survey is None or survey.mode == SurveyMode.ANONYMOUS:
            return True
        for check in SIGNED_IN:
            if user := check(request):
                return user
        return None


def _survey_to_answer(request) -> Survey | None:
    """The survey named in the path, loaded once per request for the caller check and the loader."""
    if not hasattr(request, "_survey_to_answer"):
        pk = str((request.resolver_match.kwargs if request.resolver_match else {}).get("pk", ""))
        request._survey_to_answer = selectors.survey_to_answer(int(pk)) if pk.isdigit() else None
    return request._survey_to_answer


def _answering(request, **path):
    return selectors.answering_survey(request, int(path["pk"]), _survey_to_answer(request))


_answering.path_parameter = "pk"


@router.get("/surveys/{pk}/token", response={200: AnswerTokenOut, **ERRORS}, auth=ANYONE)
@decorate_view(unlinkable)
@permitted(None, load=_answering)
def answer_token(request, pk: int):
    """A one-time token for one set of answers, valid for ``expires_in`` seconds: send it as
    ``token`` with the answers. Signed, not stored: reading it writes nothing. 409
    ``survey_closed`` when the survey takes no answers, 403 ``survey_by_invitation`` when it is
    answered with invitation codes only (a contract's outcome round)."""
    survey = target(request)
    if not selectors.is_open(survey):
        raise ServiceError.from_domain(DomainError("survey_closed"), status=409)
    if survey.by_invitation:
        raise ServiceError.from_domain(DomainError("survey_by_invitation"), status=403)
    return {"token": services.issue_token(survey), "expires_in": tokens.lifetime_seconds()}


@router.post("/surveys/{pk}/responses", response={201: ResponseOut, **ERRORS, 410: ErrorOut, 429: ErrorOut},
             auth=[AnswerCaller()])
@decorate_view(unlinkable)
@decorate_view(rate_limited("survey_answer"))
@permitted(None, load=_answering)
def submit_response(request, pk: int, payload: ResponseIn):
    """Answers map question keys (``q12``) to values: Likert 1–5, a choice value, a list of
    choice values, a number, a text, or ``{"choice": "other", "text": "..."}``. An anonymous
    survey's answer needs ``token`` from ``GET /surveys/{id}/token``, used once (400
    ``token_invalid``, 410 ``token_expired``, 409 ``token_used``), and asks for no sign-in: a
    session or bearer token sent along is not looked at. An identified survey's answer is the
    signed-in person's."""
    survey = target(request)
    identified = survey.mode == SurveyMode.IDENTIFIED
    response = services.submit_response(
        survey, payload.answers, token=payload.token or "", participant=request.user if identified else None,
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
