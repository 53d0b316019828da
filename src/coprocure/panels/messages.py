"""The panels' error codes in the reader's language (added to the one table in coprocure.errors)."""

from django.utils.translation import gettext_lazy as _

from coprocure import errors


def install() -> None:
    errors.MESSAGES.update(MESSAGES)


MESSAGES = {
    "panel_seats_invalid": _("A panel needs at least three seats."),
    "panel_term_invalid": _("The term must end on or after the day it starts."),
    "panel_quotas_missing": _("Give the quotas, or shares of the reference population to compute them from."),
    "panel_too_few_volunteers": _("There are %(volunteers)s volunteers for %(seats)s seats: the call must find more people before the draw."),
    "panel_category_unknown": _("Quotas can be set only for target group, age band, area, language and gender."),
    "panel_quota_invalid": _("In “%(category)s”, every value needs a smallest and a largest number, the smallest zero or more and no larger than the largest."),
    "panel_quotas_do_not_add_up": _("The quotas of “%(category)s” cannot fill %(seats)s seats: their minimums add up to more, or their maximums to less."),
    "panel_quota_unmet": _("The quotas cannot be met: “%(category)s” “%(value)s” needs at least %(needed)s members but only %(available)s volunteers have it. Find more volunteers or change the quota, with a reason."),
    "panel_value_without_quota": _("Some volunteers' “%(category)s” has no quota: give every value a quota (it can be 0)."),
    "panel_quotas_infeasible": _("No panel meets all the quotas at once with these volunteers. Find more volunteers or loosen a quota, with a reason. Nothing was drawn."),
    "panel_quota_reason_required": _("Say why the quotas differ from the reference population: the reason is public."),
    "panel_draw_failed": _("The draw could not be run. Nothing was stored; try again later."),
    "draw_seed_invalid": _("This seed cannot be used."),
    "draw_pending": _("A seed is already committed for this panel: make that draw first."),
    "draw_not_committed": _("Commit a seed first: its SHA-256 is published before the draw."),
    "draw_already_made": _("This seed has already been used. One seed gives one draw; drawing again to get another result is not allowed, and the attempt was recorded."),
    "draw_running": _("This draw is already being made. Follow it on the draw's page."),
    "panel_no_deputies": _("The panel has no deputies' seats: set their number on the panel first."),
    "deputies_are_drawn": _("Deputies are drawn from the reserve, not named: commit a seed for a draw of deputies."),
    "draw_nothing_to_fill": _("No seat is empty: there is nothing to draw."),
    "draw_file_invalid": _("This is not a verification file of a draw."),
    "panel_call_closed": _("This panel is not looking for volunteers now."),
    "panel_area_unknown": _("Choose one of the listed areas."),
    "volunteer_withdrawn": _("This volunteer has already withdrawn."),
    "membership_ended": _("This seat has already ended."),
}
