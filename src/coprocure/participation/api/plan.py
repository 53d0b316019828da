"""The plan and activities, and the experts' work and pay."""

from __future__ import annotations

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.audit import services as audit
from coprocure.core.selectors import visible_procurement
from coprocure.domain import translation

from .. import selectors, services
from ..exports import payroll_download
from ..forms import ContributionForm
from ..schemas import ContributionIn, ContributionOut, ParticipationOut
from . import router


@router.get("/procurements/{pk}/participation", response={200: ParticipationOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def get_participation(request, pk: int):
    procurement = target(request)
    plan = selectors.plan_of(procurement)
    return {
        "plan": None if plan is None else {
            "aims": plan.aims, "phases": plan.phases, "reach": plan.reach, "reference_shares": plan.reference_shares,
            "participant_roles": translation.normalise(plan.participant_roles),
            "methods": translation.normalise(plan.methods),
            "plain_summary": translation.normalise(plan.plain_summary),
            "accountable_official": plan.accountable_official_id,
        },
        "activities": list(selectors.activities_of(procurement)),
    }


@router.post("/activities/{pk}/contributions", response={200: ContributionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(selectors.visible_activity), of=lambda activity: activity.procurement)
def record_contribution(request, pk: int, payload: ContributionIn):
    """Hours, fee and travel costs of an expert by experience or peer (``person`` is their
    username) at an activity; sending again for the same person corrects the figures."""
    activity = target(request)
    data = validated(ContributionForm, payload.dict(), procurement=activity.procurement)
    return services.record_contribution(request.user, activity, data)


@router.get("/procurements/{pk}/contributions", response={200: list[ContributionOut], **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=by_pk(visible_procurement))
def list_contributions(request, pk: int):
    procurement = target(request)
    contributions = list(selectors.contributions_of(procurement))
    audit.record_personal_data_read(request.user, "contributions", procurement, [c.person_id for c in contributions])
    return contributions


@router.get("/procurements/{pk}/participation/payroll.csv", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=by_pk(visible_procurement))
def payroll_csv(request, pk: int):
    """The same rows as ``contributions`` with totals, as CSV for payroll (the procurement's staff)."""
    return payroll_download(target(request), request.user)
