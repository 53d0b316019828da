"""The only writers of panels: the panel itself, its quotas and open call, volunteers, seats.
The draws are in ``draws``; both are re-exported here."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from coprocure.audit import services as audit
from coprocure.core.models import TargetGroup
from coprocure.core.services import require
from coprocure.domain import panels as rules
from coprocure.errors import fail

from . import draws, selectors, tasks
from .models import CATEGORY_LABELS, Membership, Panel, SeatRole, Volunteer, VolunteerBackground

# The draws' writers, so that views and the API call one service layer.
commit_seed, make_draw, start_draw = draws.commit_seed, draws.make_draw, tasks.start_draw
PANEL_FIELDS = ("kind", "title", "purpose", "seats", "deputies", "term_starts", "term_ends", "areas", "achievements")


def _snapshot(panel: Panel) -> dict:
    snapshot = {name: getattr(panel, name) for name in (*PANEL_FIELDS, "call_open", "quotas", "quota_reason")}
    return {**snapshot, "meetings": sorted(panel.meetings.values_list("pk", flat=True))}


def _check_term(data: dict) -> None:
    if data["term_ends"] < data["term_starts"]:
        raise fail("panel_term_invalid", "term_ends")


@transaction.atomic
def create_panel(actor, owner, data: dict) -> Panel:
    """A panel of ``owner``: a procurement, a contract or an authority."""
    panel = selectors.unsaved_panel(owner)
    require(actor, "panels.manage", panel)
    _check_term(data)
    for name in PANEL_FIELDS:
        if name in data:
            setattr(panel, name, data[name])
    panel.save()
    if "meetings" in data:
        panel.meetings.set(data["meetings"])
    audit.record(actor, "panels.panel_created", panel, None, _snapshot(panel))
    return panel


@transaction.atomic
def update_panel(actor, panel: Panel, data: dict) -> Panel:
    require(actor, "panels.manage", panel)
    _check_term(data)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    before = _snapshot(panel)
    for name in PANEL_FIELDS:
        if name in data:
            setattr(panel, name, data[name])
    panel.save()
    if "meetings" in data:
        panel.meetings.set(data["meetings"])
    audit.record(actor, "panels.panel_changed", panel, before, _snapshot(panel))
    return panel


def plan_quotas(panel: Panel) -> dict[str, tuple[int, int]]:
    """Target-group quotas from the participation plan's reference shares (empty without them)."""
    plan = selectors.plan_of(panel)
    shares = plan.reference_percentages() if plan else {}
    return rules.quotas_from_shares(panel.seats, shares) if any(shares.values()) else {}


@transaction.atomic
def set_quotas(actor, panel: Panel, quotas: dict, reason: str) -> Panel:
    """Quotas per category. Target-group quotas equal to the reference population's need no
    reason; anything else does, and the reason is public."""
    require(actor, "panels.manage", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    for category, values in quotas.items():
        if category not in rules.CATEGORIES:
            raise fail("panel_category_unknown", "quotas", category=category)
        if any(len(pair) != 2 or pair[0] < 0 or pair[1] < pair[0] for pair in values.values()):
            label = str(CATEGORY_LABELS[category])
            raise fail("panel_quota_invalid", "quotas", category=label)
    cleaned = {category: {value: (int(low), int(high)) for value, (low, high) in values.items()}
               for category, values in quotas.items() if values}
    if not cleaned:
        raise fail("panel_quotas_missing", "quotas")
    from_plan = cleaned == {"target_group": plan_quotas(panel)}
    if not from_plan and not reason.strip():
        raise fail("panel_quota_reason_required", "reason")
    before = _snapshot(panel)
    panel.quotas = {c: {v: list(q) for v, q in sorted(vs.items())} for c, vs in sorted(cleaned.items())}
    panel.quota_reason = "" if from_plan else reason.strip()
    panel.save(update_fields=["quotas", "quota_reason"])
    audit.record(actor, "panels.quotas_set", panel, before, _snapshot(panel))
    return panel


@transaction.atomic
def set_call(actor, panel: Panel, is_open: bool) -> Panel:
    require(actor, "panels.manage", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    before = _snapshot(panel)
    panel.call_open = is_open
    panel.save(update_fields=["call_open"])
    audit.record(actor, "panels.call_opened" if is_open else "panels.call_closed", panel, before, _snapshot(panel))
    return panel


def _check_background(panel: Panel, background: dict) -> None:
    group = background.get("target_group") or ""
    if group and not TargetGroup.objects.filter(code=group).exists():
        raise fail("background_unknown", "target_group")
    if (background.get("area") or "") not in {"", *panel.areas}:
        raise fail("panel_area_unknown", "area")


@transaction.atomic
def volunteer(panel: Panel, data: dict, *, entered_by=None, account=None) -> Volunteer:
    """Answer the open call (anyone, no account; ``account`` when signed in, so that a seat
    drawn for them shows on their member's page), or an outreach partner entering a paper form
    with the person's consent. Only the background fields the selection needs are kept, in
    their own table."""
    if entered_by is not None:
        require(entered_by, "panels.enter_volunteers", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not panel.call_open:
        raise fail("panel_call_closed", status=409)
    _check_background(panel, data)
    number = panel.volunteers.count() + 1
    person = Volunteer.objects.create(panel=panel, code=f"V{number:03d}", name=data["name"], contact=data["contact"],
                                      consent_at=timezone.now(), entered_by=entered_by, account=account,
                                      language=get_language() or settings.LANGUAGE_CODE)
    VolunteerBackground.objects.create(volunteer=person, **{
        category: data.get(category) or "" for category in rules.CATEGORIES})
    # The trail names the volunteer by code: it must not become a copy of the background.
    audit.record(entered_by, "panels.volunteered", person, None,
                 {"panel": panel.pk, "code": person.code, "on_paper": entered_by is not None})
    return person


@transaction.atomic
def withdraw(actor, person: Volunteer) -> Volunteer:
    """A volunteer withdraws their consent: their background goes at once; a seat they hold
    ends and can be filled from the reserve by a replacement draw."""
    require(actor, "panels.manage", person.panel)
    person = Volunteer.objects.select_for_update().get(pk=person.pk)
    if person.withdrawn_at is not None:
        raise fail("volunteer_withdrawn", status=409)
    person.withdrawn_at = timezone.now()
    person.save(update_fields=["withdrawn_at"])
    VolunteerBackground.objects.filter(volunteer=person).delete()
    Membership.objects.filter(volunteer=person, ended_at__isnull=True).update(
        ended_at=person.withdrawn_at, end_reason="withdrew consent")
    audit.record(actor, "panels.volunteer_withdrew", person, None, {"code": person.code})
    return person


@transaction.atomic
def add_person(actor, panel: Panel, user, role: str) -> Membership:
    """A support person with an account (their meetings and fees are participation's). Members
    and deputies are drawn, never named."""
    require(actor, "panels.manage", panel)
    if role != SeatRole.SUPPORT:
        raise fail("deputies_are_drawn", "role")
    seat = Membership.objects.create(panel=panel, role=role, person=user, started_at=timezone.now())
    audit.record(actor, "panels.person_added", seat, None, {"panel": panel.pk, "role": role, "person": f"user:{user.pk}"})
    return seat


@transaction.atomic
def end_membership(actor, seat: Membership, reason: str) -> Membership:
    require(actor, "panels.manage", seat.panel)
    seat = Membership.objects.select_for_update().get(pk=seat.pk)
    if seat.ended_at is not None:
        raise fail("membership_ended", status=409)
    seat.ended_at, seat.end_reason = timezone.now(), reason
    seat.save(update_fields=["ended_at", "end_reason"])
    audit.record(actor, "panels.seat_ended", seat, None, {"role": seat.role, "reason": reason})
    return seat


def forget_ended(now: datetime) -> int:
    """Retention: volunteers' names, contacts and backgrounds go once the term has ended. The
    published verification files stay: they hold codes and categories, never a name."""
    with transaction.atomic():
        ended = Volunteer.objects.filter(panel__term_ends__lt=now.date())
        count = ended.count()
        if count:
            ended.delete()
            audit.record(None, "panels.volunteers_forgotten", Panel(pk=0), None, {"volunteers": count})
    return count

