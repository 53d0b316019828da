"""The participation page, the plan, activities, the equality monitor and the experts' pay."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.audit import services as audit
from coprocure.core.selectors import visible_procurement
from coprocure.domain import privacy
from coprocure.replica import report
from coprocure.web.forms import form_page, posted

from .. import exports, publication, selectors, services
from ..forms import ActivityForm, ContributionForm, PlanForm
from ._common import FORM_TEMPLATE, participation_url, require


def procurement_participation(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    plan = selectors.plan_of(procurement)
    groups = selectors.target_groups()
    reach = [(groups[code], number) for code, number in (plan.reach.items() if plan else []) if code in groups]
    return render(request, "participation/procurement.html", {
        "procurement": procurement,
        "plan": plan,
        "reach": reach,
        "activities": selectors.activities_of(procurement),
        "can_manage": request.user.has_perm("participation.manage", procurement),
        "can_view_results": request.user.has_perm("participation.view_results", procurement),
        "can_enter_answers": request.user.has_perm("participation.enter_answers", procurement),
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request, "participation.manage", procurement)
    form = PlanForm(posted(request), instance=selectors.plan_of(procurement), authority=procurement.authority)
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.save_plan(request.user, procurement, data),
        success=_("The participation plan was saved."), next_url=lambda saved: participation_url(procurement),
        context={"title": _("Participation plan"), "procurement": procurement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request, "participation.manage", procurement)
    form = ActivityForm(posted(request), initial={"phase": procurement.phase})
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.create_activity(request.user, procurement, data),
        success=_("The activity was added."), next_url=lambda saved: participation_url(procurement),
        context={"title": _("New activity"), "procurement": procurement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk: int):
    activity = selectors.visible_activity(request.user, pk)
    require(request, "participation.manage", activity.procurement)
    form = ActivityForm(posted(request), instance=activity)
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.update_activity(request.user, activity, data),
        success=_("The changes were saved."), next_url=lambda saved: participation_url(activity.procurement),
        context={"title": _("Edit activity"), "procurement": activity.procurement},
    )


@login_required
@report
def equality_monitor(request, pk: int):
    """The staff's equality monitor counts live, marked as not public; the button beside it
    publishes the counts when the rule lets them move."""
    procurement = visible_procurement(request.user, pk)
    require(request, "participation.view_results", procurement)
    plan = selectors.plan_of(procurement)
    return render(request, "participation/equality.html", {
        "procurement": procurement, "plan": plan,
        "monitor": selectors.equality_monitor(plan, publication.live_figures(procurement)),
        "published": publication.stored([procurement.pk]).get(procurement.pk),
        "can_publish": request.user.has_perm("participation.manage", procurement),
    })


def public_equality(request, pk: int):
    """Public: whom the procurement heard, per phase and overall, from the published counts
    (live ones read before and after one answer would tell that answer)."""
    procurement = visible_procurement(request.user, pk)
    plan = selectors.plan_of(procurement)
    return render(request, "participation/equality.html", {
        "procurement": procurement, "plan": plan,
        "monitor": selectors.equality_monitor(plan, services.published([procurement.pk])[procurement.pk]),
        "public": True,
    })


@login_required
@require_http_methods(["POST"])
def publication_publish(request, pk: int):
    """The staff's "Publish the counts now"."""
    procurement = visible_procurement(request.user, pk)
    require(request, "participation.manage", procurement)
    if services.publish(request.user, procurement):
        messages.success(request, _("The public figures now show the counts as they are."))
    else:
        plan = selectors.plan_of(procurement)
        messages.info(request, _("The public figures stay as they were: since they were published, some count has "
                                 "changed by fewer than %(k)s. They are updated when every count has changed by none "
                                 "or by at least %(k)s.") % {"k": plan.k_threshold if plan else privacy.DEFAULT_K})
    return redirect("equality_monitor", pk=procurement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contributions(request, pk: int):
    """Record the hours, fee and travel costs of experts by experience and peers at an activity."""
    activity = selectors.visible_activity(request.user, pk)
    require(request, "participation.manage", activity.procurement)
    recorded = selectors.contributions_at(activity)
    audit.record_personal_data_read(request.user, "contributions", activity, recorded.values_list("person_id", flat=True))
    form = ContributionForm(posted(request), procurement=activity.procurement)
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.record_contribution(request.user, activity, data),
        success=_("The work and pay were recorded."), next_url=lambda saved: reverse("contributions", args=[activity.pk]),
        context={"title": _("Experts' work and pay: %(activity)s") % {"activity": activity},
                 "procurement": activity.procurement, "contributions": recorded},
    )


@login_required
def payroll_export(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request, "participation.view_results", procurement)
    return exports.payroll_download(procurement, request.user)
