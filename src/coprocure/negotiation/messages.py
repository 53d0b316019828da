"""The negotiation's error codes in the reader's language (added to the one table in coprocure.errors)."""

from django.utils.translation import gettext_lazy as _

from coprocure import errors


def install() -> None:
    errors.MESSAGES.update(MESSAGES)


MESSAGES = {
    "negotiation_wrong_stage": _("Meetings, minutes and information belong to a negotiation round or a dialogue."),
    "negotiation_not_candidate": _("Choose a candidate still in the procedure."),
    "negotiation_minutes_confirmed": _("The candidate has confirmed these minutes: they can no longer be changed."),
    "negotiation_minutes_empty": _("Write the minutes first."),
    "negotiation_minutes_not_written": _("The authority has not written the minutes yet."),
    "negotiation_text_empty": _("Write the text first."),
    "negotiation_comment_empty": _("Write your comment on the minutes."),
    "negotiation_no_candidates": _("No candidate is still in the procedure to send the information to."),
    "negotiation_rep_accountable": _("The accountable official cannot sit at the table as a user representative."),
    "negotiation_rep_not_user": _("Choose a service user, expert by experience or peer of this procurement."),
    "negotiation_rep_named": _("This person is already named to this meeting."),
    "negotiation_not_dialogue": _("Solutions are proposed in a competitive dialogue stage only."),
    "negotiation_no_tender": _("This procurement has no invitation to tender to change."),
    "negotiation_information_to_all": _("Written information goes to every candidate still in the procedure: it cannot be addressed to one of them."),
}
