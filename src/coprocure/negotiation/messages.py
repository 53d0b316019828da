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
    "negotiation_dialogue_closed": _("The dialogue is closed: no new meeting, solution or written information in this stage."),
    "negotiation_dialogue_not_closed": _("Close the dialogue first: the accountable official's decision closes it."),
    "negotiation_solutions_not_identified": _("The dialogue closes when solutions meeting the needs were identified: confirm it."),
    "negotiation_closure_future": _("The date of the close cannot be in the future."),
    "negotiation_stage_not_open": _("This stage is not open."),
    "negotiation_not_milestone_stage": _("Milestones belong to an R&D milestone stage."),
    "negotiation_milestones_fixed": _("Milestones are set before the stage opens: they can no longer be added."),
    "negotiation_milestone_due_outside": _("The due time must fall within the stage."),
    "negotiation_not_partner": _("Only a partner of the innovation partnership may do this."),
    "negotiation_result_submitted": _("Your result for this milestone has already been submitted."),
    "negotiation_no_result": _("The partner has submitted no result for this milestone: it cannot be accepted."),
    "negotiation_decision_made": _("The decision on this partner's milestone has already been made."),
    "milestone_result_late": _("The due time of this milestone has passed: results are no longer accepted."),
    "milestone_shares_over_whole": _("The shares of the price tied to milestones together exceed 100%."),
    "partnership_end_without_refusal": _("A partnership can be ended only after a milestone of the partner was not accepted."),
    "service_phase_no_milestones": _("The stage has no milestones."),
    "service_phase_no_partners": _("No partner remains in the partnership."),
    "service_phase_milestones_open": _("The service phase begins only when every milestone of every remaining partner is accepted."),
    "negotiation_information_to_all": _("Written information goes to every candidate still in the procedure: it cannot be addressed to one of them."),
}
