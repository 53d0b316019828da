"""Every schema of the tendering API, by chapter, all importable from here."""

from .award import (
    AppealIn, AwardIn, AwardOut, Comparison, ComplaintAnswerIn, ComplaintIn, ComplaintOut, CourtDecisionIn,
    InstructionsOut, TimelineOut,
)
from .bids import AttachmentNameOut, AttachmentOut, BidContentOut, BidIn, BidOut, MemberIn, MemberOut
from .documents import (
    ChangeOut, CommentIn, CommentOut, DocumentOut, SectionIn, SectionOut, SegmentOut, VersionChangesOut,
    VersionOut, VersionSectionOut,
)
from .scoring import DeclarationIn, DeclarationOut, ExcludeIn, FinalScoreIn, FinalScoreOut, ScoreIn, ScoreOut
from .tender import (
    AnswerIn, ClarificationOut, CreatedOut, CriterionIn, CriterionOut, LotIn, LotOut, ObjectiveIn, ObjectiveOut,
    QuestionIn, TenderIn, TenderOut,
)

__all__ = [
    "AppealIn", "CourtDecisionIn", "InstructionsOut", "AnswerIn", "AttachmentNameOut", "AttachmentOut", "AwardIn", "AwardOut", "BidContentOut", "BidIn", "BidOut",
    "ChangeOut", "ClarificationOut", "CommentIn", "CommentOut", "Comparison", "ComplaintAnswerIn", "ComplaintIn",
    "ComplaintOut", "CreatedOut", "CriterionIn", "CriterionOut", "DeclarationIn", "DeclarationOut", "DocumentOut",
    "ExcludeIn", "FinalScoreIn", "FinalScoreOut", "LotIn", "LotOut", "MemberIn", "MemberOut", "ObjectiveIn",
    "ObjectiveOut", "QuestionIn", "ScoreIn", "ScoreOut", "SectionIn", "SectionOut", "SegmentOut",
    "TenderIn", "TenderOut", "TimelineOut", "VersionChangesOut", "VersionOut", "VersionSectionOut",
]
