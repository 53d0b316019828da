"""The market dialogue's error codes in the reader's language (added to the one table in coprocure.errors)."""

from django.utils.translation import gettext_lazy as _

from coprocure import errors


def install() -> None:
    errors.MESSAGES.update(MESSAGES)


MESSAGES = {
    "dialogue_not_market_dialogue": _("This stage is not a market dialogue."),
    "dialogue_registration_closed": _("Registration for this market dialogue closed at the stage's deadline."),
    "dialogue_already_registered": _("Your organisation has already registered for this market dialogue."),
    "dialogue_seats_full": _("All %(seats)s seats of this kind are taken."),
    "dialogue_user_seat_kept": _("A user or patient association cannot be refused while %(free)s seats kept for associations are free."),
    "dialogue_already_decided": _("This registration has already been decided."),
    "dialogue_not_registered": _("Only organisations whose registration has been confirmed can ask questions."),
    "dialogue_already_answered": _("This question has already been answered."),
    "dialogue_minutes_empty": _("Write the minutes before publishing them."),
    "dialogue_objective_elsewhere": _("Choose objectives of this procurement."),
}
