"""The only writers of the procedures app, one module per chapter: stages (compose, publish,
run), requests (the call, sealed requests to participate, checks and the selection) and rounds
(sealed initial bids and the reduction of candidates) and final (one deadline with the tender, the
invitation to submit final tenders, the award on the initial bids)."""

from .final import award_on_initial_bids, invite_final_tenders
from .requests import (add_requirement, check_requirement, decide_selection, open_requests, save_call,
                       submit_request, withdraw_request)
from .rounds import decide_reduction, open_round_bids, submit_round_bid, withdraw_round_bid
from .stages import (accept_default, add_stage, change_stage, close_stage, open_stage, plan_of, publish,
                     remove_stage, save_plan)

__all__ = [
    "award_on_initial_bids", "invite_final_tenders",
    "decide_reduction", "open_round_bids", "submit_round_bid", "withdraw_round_bid",
    "accept_default", "add_requirement", "add_stage", "change_stage", "check_requirement", "close_stage",
    "decide_selection", "open_requests", "open_stage", "plan_of", "publish", "remove_stage", "save_call",
    "save_plan", "submit_request", "withdraw_request",
]
