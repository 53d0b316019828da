"""Comparing tenders by the most economically advantageous tender (MEAT).

The award decision is the point where a procurement is most often disputed, so the comparison
is a pure function of what the tender documents announced (weights, scales, method, tie rule)
and what the bids contained. Points are computed and compared as exact rational numbers and
published as decimals rounded once to fifty digits: a bidder or a court must be able to
recompute the published comparison digit for digit (``recompute``). Bids with equal totals are
ordered by the announced tie rule, and a true tie by drawing lots with a seed committed before
and revealed after (``Draw``). Rounding to two decimals happens only when points are shown to
people (``display``), never before ranking.

Excluded bids (those failing a minimum requirement) stay in the comparison with their reason,
because the exclusion is part of the decision, but they neither get points nor set the lowest
price or the best score that the compared bids are measured against.
"""

from .comparison import (
    check_criteria, check_score, commitment, compare_bids, compare_lots, settle_final_score, winners,
)
from .criteria import (
    DOCUMENT_FORMAT, DOCUMENT_VERSION, TOTAL_WEIGHT, AwardComparison, AwardCriteria, Bid, BidPoints, Draw,
    FinalScoreMethod, LotComparisons, QualityCriterion, QualityMethod, TieRule, display,
)
from .document import from_json_dict, lots_from_json_dict, lots_to_json_dict, recompute, recompute_lots, to_json_dict

__all__ = [
    "DOCUMENT_FORMAT", "DOCUMENT_VERSION", "TOTAL_WEIGHT", "AwardComparison", "AwardCriteria", "Bid", "BidPoints",
    "Draw", "FinalScoreMethod", "commitment", "LotComparisons", "QualityCriterion", "QualityMethod", "TieRule", "check_criteria",
    "check_score", "compare_bids", "compare_lots", "display", "from_json_dict", "lots_from_json_dict",
    "lots_to_json_dict", "recompute", "recompute_lots", "settle_final_score", "to_json_dict", "winners",
]
