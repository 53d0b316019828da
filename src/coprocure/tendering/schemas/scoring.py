"""The panel's declarations and scores, and the settled final scores."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema


class DeclarationIn(Schema):
    has_conflict: bool


class DeclarationOut(Schema):
    has_conflict: bool


class ScoreIn(Schema):
    bid: int
    criterion: str
    score: Decimal
    justification: str = ""


class _ScoredOut(Schema):
    bid: int
    criterion: str

    @staticmethod
    def resolve_bid(obj):
        return obj.bid_id

    @staticmethod
    def resolve_criterion(obj):
        return obj.criterion.key


class ScoreOut(_ScoredOut):
    """One evaluator's own score; never anyone else's."""

    score: str
    justification: str

    @staticmethod
    def resolve_score(obj):
        return str(obj.score)


class FinalScoreIn(Schema):
    bid: int
    criterion: str
    consensus: Decimal | None = None
    reason: str = ""


class FinalScoreOut(_ScoredOut):
    final_score: str
    method: str

    @staticmethod
    def resolve_final_score(obj):
        return str(obj.score.normalize())


class ExcludeIn(Schema):
    reason: str
    requirement: int | None = None
