"""Draws: a seed committed before, one draw per seed, the result stored whole or not at all.

The lottery takes seconds, so staff start it as a job (``tasks.start_draw``; the queue's worker
runs ``make_draw``). It runs outside the transaction; the transaction that stores its result locks
the draw and checks again that it is still pending, so two workers or two staff at once store
one draw and the other is refused like any repeat.
"""

from __future__ import annotations

import math
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coprocure.audit import services as audit
from coprocure.core.fields import localised
from coprocure.core.services import require
from coprocure.domain import panel_lottery
from coprocure.domain import panels as rules
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.outbox import services as outbox

from .models import CATEGORY_LABELS, Draw, DrawKind, Membership, Panel, SeatRole, Volunteer

def _fail(code: str, field=None, params=None, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(DomainError(code, field, params or {}), status=status)


def _value(person: Volunteer, category: str) -> str:
    # Someone who chose not to give a value (gender is optional) is drawn as "unstated".
    background = getattr(person, "background", None)
    return (getattr(background, category, "") if background else "") or "unstated"


def active_members(panel: Panel, role: str = SeatRole.MEMBER):
    return panel.memberships.filter(role=role, ended_at__isnull=True).select_related("volunteer__background")


def _kind(panel: Panel, deputies: bool) -> str:
    if deputies:
        if panel.deputies < 1:
            raise _fail("panel_no_deputies", "deputies")
        return DrawKind.DEPUTIES
    drawn = panel.draws.filter(drawn_at__isnull=False).exclude(kind=DrawKind.DEPUTIES).exists()
    return DrawKind.REPLACEMENT if drawn else DrawKind.INITIAL


def deputy_quotas(quotas: dict, seats: int, deputies: int) -> dict[str, dict[str, tuple[int, int]]]:
    """The members' quotas scaled to the deputies' seats, rounded outwards: the minimums still
    add up to at most the deputies and the maximums to at least them, so the reserve is drawn
    in the same proportions as the panel."""
    return {category: {value: (math.floor(low * deputies / seats), math.ceil(high * deputies / seats))
                       for value, (low, high) in values.items()} for category, values in quotas.items()}


def commit_seed(actor, panel: Panel, *, deputies: bool = False) -> Draw:
    """Choose the seed now and publish its SHA-256; the seed itself is shown after the draw.
    ``deputies``: the seed of a draw of deputies from the reserve."""
    require(actor, "panels.manage", panel)
    kind = _kind(panel, deputies)
    seed = secrets.token_hex(16)
    try:
        with transaction.atomic():
            draw = Draw.objects.create(panel=panel, kind=kind, seed=seed, seed_commitment=rules.commitment(seed),
                                       committed_at=timezone.now(), committed_by=actor)
            audit.record(actor, "panels.seed_committed", draw, None,
                         {"panel": panel.pk, "kind": draw.kind, "seed_commitment": draw.seed_commitment})
    except IntegrityError:
        raise _fail("draw_pending", status=409) from None
    return draw


def draw_input(draw: Draw) -> rules.DrawInput:
    """The selection's input: for the panel's first draw every volunteer and the quotas; for a
    replacement the volunteers not drawn before, the empty seats and what the quotas leave; for
    deputies the volunteers not drawn before, the empty deputies' seats and the scaled quotas."""
    panel = draw.panel
    quotas = {c: {v: tuple(q) for v, q in vs.items()} for c, vs in panel.quotas.items()}
    pool = (Volunteer.objects.filter(panel=panel, withdrawn_at__isnull=True, membership__isnull=True)
            .select_related("background"))
    seats = panel.seats
    if draw.kind == DrawKind.REPLACEMENT:
        staying = [{c: _value(seat.volunteer, c) for c in quotas} for seat in active_members(panel)
                   if seat.volunteer is not None]
        seats = panel.seats - len(staying)
        quotas = rules.replacement_quotas(quotas, staying)
    elif draw.kind == DrawKind.DEPUTIES:
        seats = panel.deputies - active_members(panel, SeatRole.DEPUTY).filter(volunteer__isnull=False).count()
        quotas = deputy_quotas(quotas, panel.seats, seats)
    return rules.DrawInput(
        seats=seats, quotas=quotas, seed=draw.seed, method=panel_lottery.METHOD, library=panel_lottery.library(),
        pool={person.code: {c: _value(person, c) for c in quotas} for person in pool},
    )


def refuse_repeat(actor, draw: Draw) -> ServiceError:
    with transaction.atomic():
        audit.record(actor, "panels.draw_repeat_refused", draw, None, {"seed_commitment": draw.seed_commitment})
    return _fail("draw_already_made", status=409)


def checked(actor, draw: Draw) -> rules.DrawInput:
    """Everything that can be refused before the lottery runs: the permission, a repeat, and
    quotas the volunteers cannot meet (named, and remembered on the draw for its page)."""
    require(actor, "panels.manage", draw.panel)
    if draw.is_done:
        raise refuse_repeat(actor, draw)
    selection = draw_input(draw)
    try:
        if selection.seats < 1:
            raise DomainError("draw_nothing_to_fill", None)
        if not selection.quotas:
            raise DomainError("panel_quotas_missing", "quotas")
        rules.check_quotas(selection.seats, selection.quotas, list(selection.pool.values()))
    except DomainError as error:
        raise _failed(draw, error) from None
    return selection


def _failed(draw: Draw, error: DomainError) -> ServiceError:
    if "category" in error.params:
        error.params["category"] = str(CATEGORY_LABELS.get(error.params["category"], error.params["category"]))
    Draw.objects.filter(pk=draw.pk, drawn_at__isnull=True).update(
        failure={"code": error.code, "params": {k: str(v) for k, v in error.params.items()}})
    return ServiceError.from_domain(error)


def make_draw(actor, draw: Draw) -> Draw:
    """Run the lottery and store its result (the job's worker, the demo and the tests)."""
    # Read afresh: the quotas and volunteers are the panel's as they are now.
    draw = Draw.objects.select_related("panel__procurement").get(pk=draw.pk)
    selection = checked(actor, draw)
    try:
        result = panel_lottery.draw(selection)
    except DomainError as error:
        raise _failed(draw, error) from None
    with transaction.atomic():
        locked = Draw.objects.select_for_update().get(pk=draw.pk)
        if locked.is_done:
            raise refuse_repeat(actor, locked)
        now = timezone.now()
        role = SeatRole.DEPUTY if draw.kind == DrawKind.DEPUTIES else SeatRole.MEMBER
        chosen = Volunteer.objects.filter(panel=draw.panel, code__in=result.selected)
        Membership.objects.bulk_create(
            Membership(panel=draw.panel, role=role, volunteer=person, person=person.account, draw=locked,
                       started_at=now) for person in chosen)
        locked.drawn_at, locked.drawn_by, locked.seats, locked.failure = now, actor, selection.seats, {}
        locked.minimum_probability = result.minimum
        locked.verification_file = rules.verification_file(selection, result, commitment_hash=locked.seed_commitment)
        locked.save(update_fields=["drawn_at", "drawn_by", "seats", "minimum_probability", "verification_file",
                                   "failure"])
        _tell_volunteers(locked, selection, set(result.selected))
        audit.record(actor, "panels.drawn", locked, None, {
            "kind": locked.kind, "seed_commitment": locked.seed_commitment, "seed": locked.seed,
            "selected": sorted(result.selected), "minimum_probability": result.minimum})
    return locked


def _tell_volunteers(draw: Draw, selection: rules.DrawInput, chosen: set[str]) -> None:
    """Every volunteer in the draw hears its result, in the language they volunteered in, by
    e-mail or text message as they gave their contact (sent once the draw is stored)."""
    title = draw.panel.title
    for person in Volunteer.objects.filter(panel=draw.panel, code__in=selection.pool):
        with translation.override(person.language):
            name = localised(title)
            if person.code in chosen and draw.kind == DrawKind.DEPUTIES:
                body = _("You were drawn as a deputy of the panel “%(panel)s”. A deputy takes part when a member "
                         "cannot. We will contact you about its meetings.")
            elif person.code in chosen:
                body = _("You were drawn to the panel “%(panel)s”. We will contact you about its first meeting.")
            else:
                body = _("You were not drawn to the panel “%(panel)s” this time. You stay in its reserve: if a seat "
                         "becomes free, a new draw may choose you.")
            body = str(body) % {"panel": name}
            cause = f"panel-draw:{draw.pk}:{person.code}"
            if "@" in person.contact:
                outbox.send(to=person.contact, subject=str(_("The panel's draw: %(panel)s") % {"panel": name}),
                            body=body, cause=cause)
            else:
                outbox.send_sms(to=person.contact, body=body, cause=cause)
