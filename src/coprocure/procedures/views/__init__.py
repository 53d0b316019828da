"""The procedures app's pages, one module per chapter."""

from .final import award_on_initial_bids, invite_final_tenders
from .requests import (add_requirement, call, check_requirement, decide_selection, open_requests, save_call,
                       selection_pdf, submit_request, withdraw_request)
from .pdfs import reduction_pdf
from .rounds import decide_reduction, open_round_bids, round_page, submit_round_bid, withdraw_round_bid
from .stages import accept_default, add_stage, change_stage, close_stage, open_stage, procedure, publish, remove_stage, save_plan

__all__ = [
    "award_on_initial_bids", "invite_final_tenders",
    "decide_reduction", "open_round_bids", "reduction_pdf", "round_page", "submit_round_bid", "withdraw_round_bid",
    "accept_default", "add_requirement", "add_stage", "call", "change_stage", "check_requirement", "close_stage",
    "decide_selection", "open_requests", "open_stage", "procedure", "publish", "remove_stage", "save_call",
    "save_plan", "selection_pdf", "submit_request", "withdraw_request",
]
