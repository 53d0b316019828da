"""The only code that writes contract-period data. Each function checks the actor's
permission, applies the domain rules, runs in one transaction and is audited. One module per
chapter; every public name is here."""

from .contract import add_document, add_party, amend_contract, create_contract
from .steering import (
    add_member, check_accountable, publish_agenda, record_compensation, record_decision, record_minutes, record_position,
    schedule_meeting,
)
from .backlog import decide_proposal, issue_proposal_token, publish_proposal, redact_proposal, submit_proposal
from .outcomes import (
    add_indicator, add_kra, check_report, domain_indicator, expected_reports, indicator_specs, report_measurements,
)
from .reminders import remind_late_reports
from .survey_rounds import (
    LIKERT_NUMBER, QUESTION_FIELDS, link_survey_question, open_next_round, record_survey_measurement, survey_measurement,
)
from .corrections import EDITABLE, correct, remove
from .invitations import answer_with_code, check_figure, clear_flag, issue_codes
from ._common import KRA_KEEPERS, kras_kept

__all__ = [
    "add_document", "add_party", "amend_contract", "create_contract",
    "add_member", "check_accountable", "publish_agenda", "record_compensation", "record_decision", "record_minutes",
    "record_position", "schedule_meeting",
    "decide_proposal", "issue_proposal_token", "publish_proposal", "redact_proposal", "submit_proposal",
    "add_indicator", "add_kra", "check_report", "domain_indicator", "expected_reports", "indicator_specs",
    "report_measurements",
    "remind_late_reports",
    "LIKERT_NUMBER", "QUESTION_FIELDS", "link_survey_question", "open_next_round", "record_survey_measurement",
    "survey_measurement",
    "EDITABLE", "correct", "remove",
    "answer_with_code", "check_figure", "clear_flag", "issue_codes",
    "KRA_KEEPERS", "kras_kept",
]
