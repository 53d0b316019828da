"""The end of the competition on the pages: the accountable official's invitation to submit final
tenders (on the procedure's page, under its final tenders stage) and the decision to award on the
initial bids (on the first round's page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import FinalInvitationForm, InitialBidsAwardForm
from .rounds import _render as render_round
from .stages import _page as render_procedure
from .stages import post_on_page, require_permission

# Refusals that are about the state of the procedure, not the input: 409.
CONFLICTS = {"final_invitation_issued", "final_invitation_not_final_tenders", "final_invitation_no_candidates",
             "final_invitation_tender_not_published", "stage_not_open", "stage_deadline_passed",
             "award_on_initial_bids_not_reserved", "award_on_initial_bids_first_round_only",
             "award_on_initial_bids_too_late", "award_on_initial_bids_decided", "award_on_initial_bids_tender_has_bids",
             "award_on_initial_bids_lots", "round_bids_sealed", "no_bids", "tender_not_published",
             "procedure_one_comparison"}


@login_required
@require_POST
def invite_final_tenders(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    procurement = require_permission(request, "procedures.invite_final", stage.procurement)
    form = FinalInvitationForm(request.POST)
    return post_on_page(
        request, form, lambda data: services.invite_final_tenders(request.user, stage, data),
        success=_("The invitation to submit final tenders was published and sent to every candidate still in the "
                  "procedure."), next_url=reverse("procedure", args=[procurement.pk]), conflicts=CONFLICTS,
        page=lambda status: render_procedure(request, procurement, status=status, invitation_form=form))


@login_required
@require_POST
def award_on_initial_bids(request, pk: int):
    box = selectors.visible_round(request.user, pk)
    require_permission(request, "procedures.award_on_initial_bids", box.procurement)
    form = InitialBidsAwardForm(request.POST)
    return post_on_page(
        request, form, lambda data: services.award_on_initial_bids(request.user, box, data),
        success=_("The decision to award on the initial bids was published: the later stages are not held and the "
                  "initial bids are the tender's bids for evaluation."), next_url=reverse("round", args=[box.stage_id]),
        conflicts=CONFLICTS, page=lambda status: render_round(request, box, status, award_form=form))
