"""The contract period's API schemas, one module per chapter of the API."""

from .contract import (
    AmendmentIn, AmendmentOut, ContractIn, ContractOut, CreatedOut, CriterionOut, DocumentIn, DocumentOut, MemberOut,
    ObjectiveOut, PartyIn, PartyOut,
)
from .steering import (
    CompensationIn, CompensationOut, DecisionIn, DecisionOut, MaterialIn, MeetingIn, MeetingOut, MemberIn, MinutesIn,
    PositionIn, PositionOut,
)
from .backlog import IdeaOut, ProposalDecisionIn, ProposalIn, ProposalOut
from .outcomes import (
    ExpectedReportOut, IndicatorIn, IndicatorOut, KraIn, KraOut, MeasurementOut, OutcomeOut, ReportIn, ReportOut,
    ReportRowIn, ReportRowOut, SurveyLinkIn, SurveyMeasureIn, SurveyRoundOut,
)

__all__ = [
    "AmendmentIn", "AmendmentOut", "ContractIn", "ContractOut", "CreatedOut", "CriterionOut", "DocumentIn", "DocumentOut",
    "MemberOut", "ObjectiveOut", "PartyIn", "PartyOut",
    "CompensationIn", "CompensationOut", "DecisionIn", "DecisionOut", "MaterialIn", "MeetingIn", "MeetingOut", "MemberIn",
    "MinutesIn", "PositionIn", "PositionOut",
    "IdeaOut", "ProposalDecisionIn", "ProposalIn", "ProposalOut",
    "ExpectedReportOut", "IndicatorIn", "IndicatorOut", "KraIn", "KraOut", "MeasurementOut", "OutcomeOut", "ReportIn",
    "ReportOut", "ReportRowIn", "ReportRowOut", "SurveyLinkIn", "SurveyMeasureIn", "SurveyRoundOut",
]
