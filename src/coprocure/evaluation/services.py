"""The only code that writes evaluation data: permission, domain rules, one transaction, an
audit entry. Experience surveys are made through participation's own services, so they are
ordinary anonymous surveys answered, protected and exported like every other."""

from __future__ import annotations

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core.models import Phase, Procurement, User
from coprocure.core.services import require
from coprocure.domain import evaluation, privacy, translation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.participation import services as participation
from coprocure.participation.models import ActivityKind, ParticipationPlan, QuestionKind, Setting, SurveyMode
from coprocure.core import redaction

from .models import ExperienceSurvey, SelfAssessment

# Closed procurements gather no more answers; the "after" round of the contract period is
# answered while the procurement is still in that phase.
SURVEY_PHASES = (Phase.PREPARATION, Phase.TENDERING, Phase.CONTRACT)


def _text(texts: dict[str, str]) -> dict:
    return {language: {"text": texts[language], "origin": translation.Origin.HUMAN.value} for language in texts}


@transaction.atomic
def create_experience_survey(actor: User, procurement: Procurement, phase: str, round_: str) -> ExperienceSurvey:
    """The participation experience survey for one phase and round, made from the template:
    an online activity of its own with one anonymous survey of the template's 1–5 items."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "evaluation.run_survey", procurement)
    if phase not in SURVEY_PHASES:
        raise ServiceError.from_domain(DomainError("experience_phase_unknown", "phase"))
    if round_ not in evaluation.Round._value2member_map_:
        raise ServiceError.from_domain(DomainError("experience_round_unknown", "round"))
    if ExperienceSurvey.objects.filter(procurement=procurement, phase=phase, round=round_).exists():
        raise ServiceError.from_domain(DomainError("experience_survey_exists", "round"), status=409)
    plan = ParticipationPlan.objects.filter(procurement=procurement).first()
    activity = participation.create_activity(actor, procurement, {
        "kind": ActivityKind.SURVEY, "phase": phase, "title": _text(evaluation.SURVEY_TITLE),
        "setting": Setting.ONLINE, "plain_language": True, "languages": list(translation.LANGUAGES),
    })
    survey = participation.create_survey(actor, activity, {
        "title": _text(evaluation.SURVEY_TITLE), "intro": _text(evaluation.SURVEY_INTRO),
        "mode": SurveyMode.ANONYMOUS, "k_threshold": plan.k_threshold if plan else privacy.DEFAULT_K,
    })
    items = {}
    for item in evaluation.EXPERIENCE_ITEMS:
        question = participation.add_question(actor, survey, {
            "kind": QuestionKind.LIKERT, "text": _text(item.text), "required": True,
        })
        items[str(question.pk)] = item.code
    experience = ExperienceSurvey.objects.create(
        procurement=procurement, survey=survey, phase=phase, round=round_, items=items,
    )
    audit.record(actor, "evaluation.experience_survey_create", experience, None,
                 {"phase": phase, "round": round_, "survey": survey.pk})
    return experience


@transaction.atomic
def save_self_assessment(actor: User, procurement: Procurement, answers: dict) -> SelfAssessment:
    """Keep the staff's answers with the procurement. ``answers`` maps a criterion's code to
    its rating and note; notes are shown publicly, so personal data is removed on arrival."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "evaluation.assess", procurement)
    clean = {}
    for code, answer in answers.items():
        if code not in evaluation.CRITERIA_BY_CODE:
            raise ServiceError.from_domain(DomainError("criterion_unknown", code))
        rating, note = answer.get("rating") or "", (answer.get("note") or "").strip()
        if rating and rating not in evaluation.Rating._value2member_map_:
            raise ServiceError.from_domain(DomainError("rating_unknown", code))
        if rating or note:
            clean[code] = {"rating": rating, "note": redaction.redact(note)[0]}
    assessment = SelfAssessment.objects.filter(procurement=procurement).first()
    before = dict(assessment.answers) if assessment else None
    assessment = assessment or SelfAssessment(procurement=procurement)
    assessment.answers, assessment.updated_by = clean, actor
    assessment.save()
    audit.record(actor, "evaluation.self_assessment_save", assessment, before, clean)
    return assessment
