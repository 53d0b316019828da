"""The only code that writes participation data. Staff actions check the permission, apply
the domain rules, run in one transaction and are audited. Answers to anonymous surveys are
written without any audit entry: an entry carries a time and would link the answer to a moment.

One module per chapter: the plan and activities, surveys and answers, insights and published
answers, events and attendance."""

from .insights import create_insight, decide_insight, publish_answer, redact_excerpt, redact_published_answer
from .plan import create_activity, record_contribution, save_plan, update_activity
from .publication import publish, publish_all, published
from .registrations import (
    cancel_registration, check_in_with_activity_code, check_in_with_registration_code, confirm_registration,
    mark_attendance, register, register_guest, settle_activity,
)
from .surveys import (
    add_question, close_survey, create_survey, enter_batch, issue_token, open_survey, question_rule, submit_response,
)

__all__ = [
    "add_question", "cancel_registration", "check_in_with_activity_code", "check_in_with_registration_code",
    "close_survey", "confirm_registration", "create_activity", "create_insight", "create_survey", "decide_insight",
    "enter_batch", "issue_token", "mark_attendance", "open_survey", "publish", "publish_all", "publish_answer", "published",
    "question_rule", "record_contribution",
    "redact_excerpt", "redact_published_answer", "register", "register_guest", "save_plan", "settle_activity",
    "submit_response",
    "update_activity",
]
