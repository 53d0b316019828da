"""The only code that writes tendering data. Each function checks the actor's permission,
applies the domain rules (``domain.tendering``, ``domain.scoring``), runs in one transaction
and records the change in the audit trail.

One module per chapter of a tender's life, all importable from here: ``objectives`` (objectives
and award criteria), ``tender`` (the invitation and its lots), ``documents`` (service description
and minimum requirements), ``clarifications``, ``bids`` (sealed bids and attachments, opening,
reading after it), ``scoring`` (the panel's declarations and scores, final scores),
``award`` (comparison, decision, publication) and ``complaints``.
"""

from ._common import refuse_sealed
from .award import committed_draw, compare, decide_award, lot_winners, publish_award
from .bids import add_attachment, open_bids, readable_attachment, remove_attachment, submit_bid, withdraw_bid
from .clarifications import answer_question, ask_question
from .complaints import answer_complaint, bidder_organisations, file_complaint, record_appeal, record_court_decision
from .documents import (
    add_section, comment_section, publish_document, published_requirements, redact_comment, update_section,
)
from .objectives import add_criterion, award_criteria, create_objective
from .scoring import (
    declare_conflict, exclude_bid, panel, record_score, require_cleared_evaluator, scoring_complete, settle_score,
)
from .tender import add_lot, publish_tender, save_tender

__all__ = [
    "add_attachment", "add_criterion", "add_lot", "add_section", "answer_complaint", "answer_question",
    "ask_question", "award_criteria", "bidder_organisations", "committed_draw", "record_appeal", "record_court_decision", "comment_section", "compare", "create_objective", "decide_award",
    "declare_conflict", "exclude_bid", "file_complaint", "lot_winners", "open_bids", "panel", "publish_award",
    "publish_document", "publish_tender", "published_requirements", "readable_attachment", "record_score",
    "redact_comment", "refuse_sealed", "remove_attachment", "require_cleared_evaluator", "save_tender",
    "scoring_complete", "settle_score", "submit_bid", "update_section", "withdraw_bid",
]
