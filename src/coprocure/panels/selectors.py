"""Reads that feed the panels' pages and API, and who may see a panel."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coprocure import errors
from coprocure.contracts.models import Contract
from coprocure.contracts.selectors import visible_contract
from coprocure.core.fields import localised
from coprocure.core.models import Organisation, OrganisationKind, Procurement, TargetGroup
from coprocure.core.selectors import visible_procurement
from coprocure.domain import equality, privacy
from coprocure.domain import panels as rules
from coprocure.ops import work
from coprocure.ops.models import Job
from coprocure.participation.models import Activity, AgeBand, Insight, ParticipationPlan

from .draws import active_members
from .models import CATEGORY_LABELS, Draw, Gender, Language, Membership, Panel, SeatRole, Volunteer


def visible_panel(user, pk: int) -> Panel:
    """404 alike for a missing panel and one whose owner this person may not see."""
    panel = (Panel.objects.select_related("procurement__authority", "contract__procurement", "authority")
             .filter(pk=pk).first())
    if panel is None or not user.has_perm("panels.view", panel):
        raise Http404
    return panel


def managed_panel(user, pk: int) -> Panel:
    panel = visible_panel(user, pk)
    if not user.has_perm("panels.view_volunteers", panel):
        raise Http404
    return panel


def visible_owner(user, kind: str, pk: int):
    """A procurement or contract this person may see, or an authority (whose standing panels
    are public); 404 alike otherwise."""
    if kind == "procurement":
        return visible_procurement(user, pk)
    if kind == "contract":
        return visible_contract(user, pk)
    authority = Organisation.objects.filter(pk=pk, kind=OrganisationKind.AUTHORITY).first()
    if authority is None:
        raise Http404
    return authority


def kind_of(owner) -> str:
    if isinstance(owner, Procurement):
        return "procurement"
    return "contract" if isinstance(owner, Contract) else "authority"


def unsaved_panel(owner) -> Panel:
    """A panel of this owner, not stored: what the rules are asked before one is created."""
    return Panel(**{kind_of(owner): owner})


def owner_view(owner) -> dict:
    """The owner as the panels' pages name and link it."""
    kind = kind_of(owner)
    title = owner.name if kind == "authority" else localised(owner.title)
    page = {"procurement": "procurement_detail", "contract": "contract_detail"}.get(kind)
    return {"kind": kind, "title": title, "page": reverse(page, args=[owner.pk]) if page else None,
            "panels": reverse(f"{kind}_panels", args=[owner.pk]),
            "create": reverse("panel_create" if kind == "procurement" else f"{kind}_panel_create", args=[owner.pk])}


def panels_of(owner) -> QuerySet[Panel]:
    return Panel.objects.filter(**{kind_of(owner): owner})


def meeting_choices(panel: Panel) -> QuerySet[Activity]:
    """The activities a panel's meetings are chosen from: its procurement's (a contract's
    procurement's), or for an authority's panel those of all the authority's procurements."""
    procurement = panel.governing_procurement
    if procurement is not None:
        return procurement.activities.all()
    return Activity.objects.filter(procurement__authority_id=panel.authority_id)


def draws_of(panel: Panel) -> QuerySet[Draw]:
    return panel.draws.select_related("job")


def draw_state(draw: Draw) -> dict:
    """Where a draw stands: ``drawn``, ``running`` (its job queued or running, with progress),
    ``failed`` (why its last attempt stored nothing, in the reader's language) or ``committed``."""
    if draw.is_done:
        return {"state": "drawn", "failure": "", "done": None, "total": None}
    if draw.job is not None and draw.job.state in (Job.State.QUEUED, Job.State.RUNNING):
        return {"state": "running", "failure": "", "done": draw.job.done, "total": draw.job.total}
    if draw.failure:
        return {"state": "failed", "failure": errors.message_for(draw.failure["code"], draw.failure.get("params")),
                "done": None, "total": None}
    if draw.job is not None and draw.job.state == Job.State.FAILED:
        return {"state": "failed", "failure": str(work.REASONS["failed"]), "done": None, "total": None}
    return {"state": "committed", "failure": "", "done": None, "total": None}


def member_seats(user, panel: Panel) -> QuerySet[Membership]:
    """The signed-in person's own seats on this panel (a drawn member or deputy, or a support
    person); the member's page is 404 without one."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return panel.memberships.filter(person=user)


def coming_meetings(panel: Panel, now):
    return panel.meetings.filter(starts_at__gte=now).order_by("starts_at", "id")


def proposals_of(panel: Panel):
    """What the panel said, as the procurement's insights from its meetings, with what became
    of each (public on "you said, we did" too)."""
    return Insight.objects.filter(activity__in=panel.meetings.all()).order_by("-created_at", "id")


def volunteers_of(panel: Panel) -> QuerySet[Volunteer]:
    """Names with backgrounds: for the procurement's staff only (the caller records the read)."""
    return panel.volunteers.select_related("background", "membership").order_by("code")


def seats_of(panel: Panel) -> QuerySet[Membership]:
    return panel.memberships.select_related("volunteer", "person").order_by("ended_at", "role", "started_at", "id")


def plan_of(panel: Panel) -> ParticipationPlan | None:
    """The participation plan whose reference population and k the panel uses (none for an
    authority's panel)."""
    procurement = panel.governing_procurement
    return ParticipationPlan.objects.filter(procurement=procurement).first() if procurement else None


def k_of(panel: Panel) -> int:
    plan = plan_of(panel)
    return plan.k_threshold if plan else privacy.DEFAULT_K


def _backgrounds(seats) -> list[dict[str, str]]:
    return [{category: getattr(getattr(seat.volunteer, "background", None), category, "") or "unstated"
             for category in rules.CATEGORIES} for seat in seats if seat.volunteer is not None]


def value_labels() -> dict[str, dict[str, str]]:
    unstated = {"unstated": str(_("Did not say"))}
    return {
        "target_group": {**target_group_names(), **unstated},
        "age_band": {**{v: str(label) for v, label in AgeBand.choices}, **unstated},
        "language": {**{v: str(label) for v, label in Language.choices}, **unstated},
        "gender": {**{v: str(label) for v, label in Gender.choices}, **unstated},
    }


def quota_rows(panel: Panel) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every category with the values a volunteer can give (and "did not say"), for the quotas'
    table: [(category, label, [(value, value label), …]), …]."""
    labels = {**value_labels(), "area": {**{area: area for area in panel.areas}, "unstated": str(_("Did not say"))}}
    return [(category, str(CATEGORY_LABELS[category]), list(labels[category].items())) for category in rules.CATEGORIES]


def composition(panel: Panel) -> list[dict]:
    """Active members per value of each category with quotas, counts under k hidden, with the
    quota beside each value: [{"label", "rows": [(value label, count or None, (min, max))]}]."""
    k, labels = k_of(panel), value_labels()
    members = _backgrounds(active_members(panel))
    table = []
    for category in sorted(panel.quotas):
        shown = rules.composition(members, category, k)
        names = labels.get(category, {})
        rows = [(names.get(value, value), shown.get(value, 0), tuple(quota))
                for value, quota in sorted(panel.quotas[category].items())]
        table.append({"code": category, "label": CATEGORY_LABELS.get(category, category), "rows": rows})
    return table


def equality_rows(panel: Panel) -> list[dict]:
    """The target groups among the members at the first draw and now, against the plan's
    reference population, with the equality monitor's suppression and four-fifths flag."""
    plan = plan_of(panel)
    if plan is None or not plan.reference_shares:
        return []
    reference, k = plan.reference_percentages(), plan.k_threshold

    def monitor(seats) -> dict[str, equality.GroupFigure]:
        tally: dict[str, int] = {}
        for person in _backgrounds(seats):
            if person["target_group"] != "unstated":
                tally[person["target_group"]] = tally.get(person["target_group"], 0) + 1
        return {figure.group: figure for figure in equality.monitor(tally, reference, k).groups}

    first = panel.draws.filter(kind="initial", drawn_at__isnull=False).first()
    at_draw = monitor(first.memberships.select_related("volunteer__background")) if first else {}
    now, names = monitor(active_members(panel)), target_group_names()
    return [{"label": names.get(group, group), "at_draw": at_draw[group].participants if group in at_draw else None,
             "now": figure.participants,
             "reference": None if figure.reference_share is None else round(float(figure.reference_share * 100), 1),
             "ratio": None if figure.ratio is None else round(float(figure.ratio), 2),
             "flagged": figure.flagged} for group, figure in sorted(now.items())]


def counts(panel: Panel) -> dict[str, int]:
    seats = panel.memberships.filter(ended_at__isnull=True)
    return {
        "volunteers": panel.volunteers.filter(withdrawn_at__isnull=True).count(),
        "members": seats.filter(role=SeatRole.MEMBER).count(),
        "deputies": seats.filter(role=SeatRole.DEPUTY).count(),
    }


def target_group_names() -> dict[str, str]:
    return {group.code: localised(group.name) for group in TargetGroup.objects.all()}
