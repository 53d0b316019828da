"""The procedures app's pages, one module per chapter."""

from .requests import (add_requirement, call, check_requirement, decide_selection, open_requests, save_call,
                       submit_request, withdraw_request)
from .stages import accept_default, add_stage, change_stage, close_stage, open_stage, procedure, publish, remove_stage, save_plan

__all__ = [
    "accept_default", "add_requirement", "add_stage", "call", "change_stage", "check_requirement", "close_stage",
    "decide_selection", "open_requests", "open_stage", "procedure", "publish", "remove_stage", "save_call",
    "save_plan", "submit_request", "withdraw_request",
]
