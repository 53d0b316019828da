"""The contract period: the contract and its parties, the steering group and its meetings, the
decisions with the official accountable for each, outcomes and the development backlog."""

from .contract import Amendment, Contract, ContractDocument, ContractKind, Party, PartyRole
from .steering import (
    COMPENSATED_ROLES, Compensation, Decision, Meeting, MemberPosition, MemberRole, Position, ProposerRole, SteeringMember,
)
from .outcomes import DataSource, Direction, Frequency, Indicator, Kra, Measurement, ReportReminder, SurveyRound, Unit
from .backlog import DevelopmentProposal, ProposalStatus, ProposalToken, ProposerKind
from .invitations import (
    BatchUse, FigureFlag, FlagKind, InvitationBatch, InvitationChannel, InvitationCode,
)

__all__ = [
    "Amendment", "Contract", "ContractDocument", "ContractKind", "Party", "PartyRole",
    "COMPENSATED_ROLES", "Compensation", "Decision", "Meeting", "MemberPosition", "MemberRole", "Position",
    "ProposerRole", "SteeringMember",
    "DataSource", "Direction", "Frequency", "Indicator", "Kra", "Measurement", "ReportReminder", "SurveyRound", "Unit",
    "DevelopmentProposal", "ProposalStatus", "ProposalToken", "ProposerKind",
    "BatchUse", "FigureFlag", "FlagKind", "InvitationBatch", "InvitationChannel", "InvitationCode",
]
