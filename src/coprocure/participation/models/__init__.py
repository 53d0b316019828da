"""Participation: the plan, activities where people are heard, surveys, insights and sign-ups.
One module per chapter; every model and choice is importable from here, where Django finds them."""

from .plan import (
    ACCESSIBILITY, EXPERT_ROLES, Activity, ActivityKind, Aim, Contribution, ParticipationPlan, Setting,
)
from .surveys import (
    LIKERT_LABELS, OTHER_LABEL, AgeBand, Answer, AnswerBatch, Channel, Question, QuestionKind, Response,
    SpentAnswerToken, Survey, SurveyMode,
)
from .insights import Insight, InsightStatus, PublishedAnswer
from .publication import Publication
from .registrations import ACTIVE, HOLDS_PLACE, Registration, RegistrationStatus

__all__ = [
    "ACCESSIBILITY", "EXPERT_ROLES", "Activity", "ActivityKind", "Aim", "Contribution",
    "ParticipationPlan", "Setting",
    "LIKERT_LABELS", "OTHER_LABEL", "AgeBand", "Answer", "AnswerBatch", "Channel", "Question",
    "QuestionKind", "Response", "SpentAnswerToken", "Survey", "SurveyMode",
    "Insight", "InsightStatus", "PublishedAnswer", "Publication",
    "ACTIVE", "HOLDS_PLACE", "Registration", "RegistrationStatus",
]
