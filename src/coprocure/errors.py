"""Turning rule violations into translated, field-level messages.

Domain functions raise ``DomainError(code, field)``; this module is the one place that says,
in the reader's language, what each code means. Services raise ``ServiceError`` so the web UI
and the API report the same messages for the same mistake.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coprocure.domain.errors import DomainError

MESSAGES = {
    "business_id_format": _("Write the business ID as seven digits, a hyphen and a check digit, for example 0201256-6."),
    "business_id_checksum": _("This business ID's check digit does not match: check the number for typing errors."),
    "business_id_duplicate": _("An organisation with this business ID is already registered."),
    "business_id_required": _("Give the business ID: only contracting authorities may be registered without one."),
    "phase_unknown": _("Choose one of the listed phases."),
    "phase_unchanged": _("The procurement is already in this phase."),
    "phase_skipped": _("A phase cannot be skipped: move to the next phase first."),
    "phase_back_without_reason": _("Going back to an earlier phase needs a reason that is recorded for everyone to see."),
    "role_unknown": _("Choose one of the listed roles."),
    "role_requires_authority": _("Only people employed by the contracting authority can hold this role."),
    "role_requires_official": _("Only an official (viranhaltija) of the contracting authority can hold the official role."),
    "accountable_not_of_authority": _("The accountable person must work for the contracting authority itself: responsibility cannot move to providers, experts by experience or other participants."),
    "accountable_not_official": _("Only an official (viranhaltija) can be accountable: staff members, experts by experience and other participants can prepare and advise, but not carry the authority's responsibility."),
    "answer_required": _("Please answer this question."),
    "answer_wrong_type": _("This answer is not in the right form for the question."),
    "answer_not_a_choice": _("Choose one of the given options."),
    "answer_other_empty": _("You chose “something else”: please write what you mean."),
    "answer_duplicate_choice": _("The same option was chosen twice."),
    "answer_out_of_range": _("This number is outside the allowed range."),
    "answer_too_long": _("This answer is too long (at most %(max)s characters)."),
    "answer_unknown_question": _("This survey has no such question."),
    "token_used": _("These answers have already been sent. Thank you!"),
    "survey_closed": _("This survey is not open for answers now."),
    "survey_needs_account": _("This survey is for invited participants: please sign in first."),
    "survey_has_answers": _("People have already answered this survey, so questions can no longer be added."),
    "channel_unknown": _("Choose one of the listed answering channels."),
    "channel_needs_staff": _("Answers from paper or by phone are entered by staff."),
    "background_unknown": _("Choose one of the listed options."),
    "insight_status_unknown": _("Choose one of the listed statuses."),
    "insight_reason_required": _("Say why the insight was not taken up: the people who gave it will read the reason."),
    "business_id_not_registered": _("No provider with this business ID is registered. Ask them to create a profile first."),
    "network_member_exists": _("This organisation is already a member of the network."),
    "offer_service_not_member": _("A joint offer can include only the services of the network's members."),
    "profile_missing": _("Describe the organisation first; then add its services."),
    # Contract period
    "contract_needs_contract_phase": _("A contract can be added once the procurement is in the contract period."),
    "party_duplicate": _("This organisation is already a party to the contract."),
    "party_second_authority": _("The contracting authority is already a party; add providers here."),
    "amendment_decision_other_contract": _("Choose a decision recorded for this contract."),
    "amendment_end_before_start": _("The new end date must be after the contract's start."),
    "member_deputy_other_contract": _("A deputy can only stand in for a member of the same steering group."),
    "member_other_contract": _("Choose a member of this contract's steering group."),
    "meeting_other_contract": _("Choose a meeting of this contract's steering group."),
    "compensation_not_expert": _("Fees are recorded for client representatives and peers; the others attend as part of their work."),
    "compensation_not_attended": _("Mark the member as present before recording a fee for the meeting."),
    "agenda_too_late": _("The meeting has already begun: an agenda is published before the meeting."),
    "agenda_already_published": _("The agenda has already been published."),
    "decision_confidential_reason": _("A confidential decision needs the legal reason, for example the section of law."),
    "accountable_required": _("Name the accountable official: every decision needs one."),
    "kra_levels_order": _("The levels must run from minimum through target to excellent in the indicator's direction: upwards when higher is better, downwards when lower is better."),
    "kra_direction_unknown": _("Choose whether higher or lower is better."),
    "indicator_code_taken": _("Another indicator of this contract already uses this short code."),
    "party_other_contract": _("Choose a party to this contract."),
    "kra_other_contract": _("Choose a key result area of this contract."),
    "proposal_status_unknown": _("Choose one of the listed statuses."),
    "proposal_reason_required": _("Say why the idea was not taken up: the person who sent it will read the reason."),
    "proposal_outcome_required": _("Say in plain words what was done: it is shown on the “You said, we did” page."),
    "proposal_empty": _("Please write your idea."),
    "proposals_closed": _("This contract has ended, so new ideas are no longer taken."),
    "upload_empty": _("The file has no rows to report."),
    "upload_missing_column": _("The file has no column “%(column)s”. The first row must name the columns: mittari, jakso, arvo."),
    "upload_unknown_indicator": _("There is no indicator with the code “%(indicator)s” in this contract."),
    "upload_bad_period": _("The period is not in a known form. Write for example 2025-03 (month), 2025-Q1 (quarter) or 2025 (year)."),
    "upload_bad_value": _("The value is not a number. Write for example 85,5."),
    "upload_wrong_unit": _("The unit does not match the indicator's unit."),
    "upload_percent_range": _("A percentage must be between 0 and 100: check the unit."),
    "upload_negative": _("This indicator cannot be negative."),
    "upload_period_outside_contract": _("This period is outside the contract period."),
    "upload_duplicate_period": _("A value for this indicator and period has already been reported."),
    "upload_too_large": _("The file is too large (at most %(max)s MB)."),
    "upload_too_many_rows": _("The file has too many rows (at most %(max)s)."),
    "upload_unreadable": _("The file could not be read. Save it as CSV or XLSX and try again."),
    "registration_not_open": _("Signing up for this activity is not open."),
    "registration_exists": _("You have already signed up for this activity."),
    "registration_not_active": _("This sign-up has already been cancelled."),
    "registration_not_offered": _("There is no place waiting for your confirmation."),
    "registration_offer_expired": _("Sorry, the time to confirm this place ran out, so it was offered to the next person."),
    "registration_unknown": _("Choose people from the list."),
    "batch_channel": _("Choose how the answers were collected: on paper, by phone or with assistance on site."),
    "batch_needs_anonymous": _("Only anonymous surveys take answers entered in a batch."),
    "batch_empty": _("Enter at least one person's answers."),
    "recognition_hours": _("Give the hours worked: more than 0 and at most %(max)s."),
    "recognition_amount": _("Give an amount in euros and cents, from 0 to %(max)s."),
    "recognition_not_expert": _("Choose an expert by experience or a peer of this procurement."),
    "reference_share_out_of_range": _("A share is a percentage from 0 to 100."),
    "reference_shares_over_100": _("The shares describe one population, so together they can be at most 100 per cent."),
    "too_long": _("This text is too long (at most %(max)s characters)."),
    # Tendering: objectives, award criteria, sealed bids, evaluation and award.
    "not_of_this_procurement": _("Choose only items of this procurement."),
    "weights_not_100": _("The price weight and the quality weights must add up to 100 (now %(sum)s)."),
    "weight_negative": _("A weight cannot be negative."),
    "scale_not_positive": _("The top of a scoring scale must be above zero."),
    "duplicate_criterion": _("The same quality criterion is listed twice."),
    "quality_method_unknown": _("Choose one of the listed ways of giving quality points."),
    "tie_rule_unknown": _("Choose one of the listed tie rules."),
    "final_score_method_unknown": _("Choose the mean or a consensus score."),
    "tender_published": _("The invitation to tender is already published and can no longer be changed."),
    "tender_not_published": _("The invitation to tender has not been published yet."),
    "deadline_in_past": _("The deadline for bids must be in the future."),
    "deadline_passed": _("The deadline for bids has passed: bids can no longer be sent, changed or withdrawn."),
    "opening_before_deadline": _("Bids can be opened only after the deadline."),
    "bids_sealed": _("The bids are sealed until an official opens them after the deadline. This attempt was recorded."),
    "bids_already_opened": _("The bids have already been opened."),
    "price_not_positive": _("The price must be more than zero."),
    "consortia_not_allowed": _("This tender does not accept bids from consortia."),
    "member_duplicate": _("Each organisation can be in the consortium only once, and the lead is not listed as a member."),
    "member_role_required": _("Say what each consortium member does."),
    "member_unknown": _("Choose a registered provider organisation as the member."),
    "not_your_bid": _("Only the lead bidder's own people can withdraw this bid."),
    "bid_withdrawn": _("This bid has already been withdrawn."),
    "already_declared": _("You have already made your declaration."),
    "conflict_not_declared": _("Declare first whether you have a conflict of interest: bids are shown only after that."),
    "evaluator_has_conflict": _("You declared a conflict of interest, so you do not score in this tender."),
    "bid_not_compared": _("This bid was withdrawn or excluded, so it is not scored."),
    "score_settled": _("The final score has been settled, so this score can no longer be changed."),
    "score_out_of_scale": _("The score must be between 0 and %(max)s."),
    "justification_required": _("Justify your score: the justification is published with the award."),
    "scoring_incomplete": _("Every panel member must score before the final score is settled."),
    "consensus_reason_required": _("The consensus score differs from an evaluator's score: write the reason."),
    "missing_score": _("A final score is missing: settle every criterion of every compared bid first."),
    "no_bids": _("There are no bids to compare."),
    "exclusion_without_reason": _("Write the reason for excluding the bid: the bidder can contest it."),
    "award_decided": _("The award decision has already been made."),
    "award_published": _("The award has already been published."),
    "standstill_before_decision": _("The standstill period cannot end before the decision."),
    "standstill_negative": _("The standstill period cannot be negative."),
    "complaint_days_negative": _("The number of days for complaints cannot be negative."),
    "complaint_before_decision": _("A complaint can be made only after the award decision."),
    "complaint_deadline_passed": _("The time for complaints ended on %(deadline)s, so this complaint cannot be accepted."),
    "complaint_not_bidder": _("Only an organisation that took part in a bid can complain about this award."),
    "complaint_not_accountable": _("Only the official accountable for the award decision can answer a complaint."),
    "complaint_answered": _("This complaint has already been answered."),
    "complaint_outcome_unknown": _("Choose whether the complaint is upheld or rejected."),
    "complaint_reasons_required": _("Write the reasons for the answer: they are shown to everyone."),
    "award_not_published": _("The award decision has not been published yet."),
    "standstill_not_ended": _("The contract cannot be signed yet: the standstill period lasts until %(until)s."),
    "complaint_pending": _("The contract cannot be signed while a complaint about the award is waiting for an answer."),
}


def message_for(code: str, params: dict | None = None) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return str(_("This value is not accepted."))
    if not params:
        return str(template)
    # Dates in a message are written the reader's way, as on the pages.
    shown = {name: date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, date) else value
             for name, value in params.items()}
    return str(template) % shown


class ServiceError(Exception):
    """One or more field-level problems, each with a stable code and a translated message."""

    def __init__(self, errors: dict[str | None, list[tuple[str, str]]], status: int = 422):
        super().__init__(errors)
        self.errors = errors
        self.status = status

    @classmethod
    def from_domain(cls, error: DomainError, status: int = 422) -> "ServiceError":
        return cls({error.field: [(error.code, message_for(error.code, error.params))]}, status)

    @classmethod
    def from_form(cls, form) -> "ServiceError":
        errors: dict[str | None, list[tuple[str, str]]] = {}
        for field, items in form.errors.as_data().items():
            key = None if field == "__all__" else field
            errors[key] = [(e.code or "invalid", m) for e in items for m in e.messages]
        return cls(errors)

    def as_validation_error(self) -> ValidationError:
        return ValidationError(
            {field or "__all__": [ValidationError(msg, code=code) for code, msg in items] for field, items in self.errors.items()}
        )

    def add_to_form(self, form) -> None:
        for field, items in self.errors.items():
            target = field if field in form.fields else None
            for code, message in items:
                form.add_error(target, ValidationError(message, code=code))
