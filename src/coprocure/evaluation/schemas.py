"""The JSON shapes of evaluation's /api/v1 endpoints."""

from __future__ import annotations

from ninja import Schema


class ComparisonOut(Schema):
    procurement: int
    title: str
    authority: str
    participations: int | None
    outreach_percent: float | None
    insights_percent: float | None
    criteria_percent: float | None
    proposals_percent: float | None
    experience: dict[str, float | None]


class ExperienceSurveyIn(Schema):
    phase: str
    round: str


class ExperienceSurveyOut(Schema):
    id: int
    survey: int
    phase: str
    round: str
    questions: dict[str, str]


class AssessmentAnswer(Schema):
    rating: str = ""
    note: str = ""


class SelfAssessmentIn(Schema):
    answers: dict[str, AssessmentAnswer]


class SelfAssessmentOut(Schema):
    answers: dict[str, AssessmentAnswer]
