"""Turning rule violations into translated, field-level messages.

Domain functions raise ``DomainError(code, field)``; this module is the one place that says,
in the reader's language, what each code means. Services raise ``ServiceError`` so the web UI
and the API report the same messages for the same mistake.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
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
}


def message_for(code: str, params: dict | None = None) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return str(_("This value is not accepted."))
    return str(template) % (params or {}) if params else str(template)


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
