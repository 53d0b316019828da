"""Tendering: objectives, award criteria, the invitation to tender, sealed bids, blind
scoring and the award decision.

The golden thread runs insight → objective → quality criterion, so every criterion can show
which user insights it came from. How a bid stays sealed until opening is told in ``bids``.
"""

from .award import AwardDecision, Complaint, ComplaintKind, ComplaintOutcome, ComplaintRecord, NotificationChannel
from .bids import Bid, BidAttachment, BidMember
from .documents import DocumentKind, DocumentSection, DocumentVersion, SectionComment, TenderDocument
from .scoring import ConflictDeclaration, FinalScore, Score
from .tender import Clarification, Lot, Objective, QualityCriterion, QualityMethod, Tender, TieRule

__all__ = [
    "AwardDecision", "Bid", "BidAttachment", "BidMember", "Clarification", "Complaint", "ComplaintKind", "ComplaintRecord",
    "NotificationChannel",
    "ComplaintOutcome", "ConflictDeclaration", "DocumentKind", "DocumentSection", "DocumentVersion", "FinalScore",
    "Lot", "Objective", "QualityCriterion", "QualityMethod", "Score", "SectionComment", "Tender", "TenderDocument",
    "TieRule",
]
