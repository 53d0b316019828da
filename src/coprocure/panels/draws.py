"""Draws: a seed committed before, one draw per seed, the result stored whole or not at all.

The lottery runs outside the transaction (it takes seconds); the transaction that stores its
result locks the draw and checks again that it is still pending, so two staff pressing the
button at once store one draw and the other is refused like any repeat.
"""

from __future__ import annotations

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


def active_members(panel: Panel):
    return panel.memberships.filter(role=SeatRole.MEMBER, ended_at__isnull=True).select_related("volunteer__background")


def _kind(panel: Panel) -> str:
    return DrawKind.REPLACEMENT if panel.draws.filter(drawn_at__isnull=False).exists() else DrawKind.INITIAL


def commit_seed(actor, panel: Panel) -> Draw:
    """Choose the seed now and publish its SHA-256; the seed itself is shown after the draw."""
    require(actor, "panels.manage", panel.procurement)
    seed = secrets.token_hex(16)
    try:
        with transaction.atomic():
            draw = Draw.objects.create(panel=panel, kind=_kind(panel), seed=seed, seed_commitment=rules.commitment(seed),
                                       committed_at=timezone.now(), committed_by=actor)
            audit.record(actor, "panels.seed_committed", draw, None,
                         {"panel": panel.pk, "kind": draw.kind, "seed_commitment": draw.seed_commitment})
    except IntegrityError:
        raise _fail("draw_pending", status=409) from None
    return draw


def draw_input(draw: Draw) -> rules.DrawInput:
    """The selection's input: for the panel's first draw every volunteer and the quotas; for a
    replacement the volunteers not drawn before, the empty seats and what the quotas leave."""
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
    return rules.DrawInput(
        seats=seats, quotas=quotas, seed=draw.seed, method=panel_lottery.METHOD, library=panel_lottery.library(),
        pool={person.code: {c: _value(person, c) for c in quotas} for person in pool},
    )


def _refuse_repeat(actor, draw: Draw) -> ServiceError:
    with transaction.atomic():
        audit.record(actor, "panels.draw_repeat_refused", draw, None, {"seed_commitment": draw.seed_commitment})
    return _fail("draw_already_made", status=409)


def make_draw(actor, draw: Draw) -> Draw:
    # Read afresh: the quotas and volunteers are the panel's as they are now.
    draw = Draw.objects.select_related("panel__procurement").get(pk=draw.pk)
    require(actor, "panels.manage", draw.panel.procurement)
    if draw.is_done:
        raise _refuse_repeat(actor, draw)
    selection = draw_input(draw)
    if selection.seats < 1:
        raise _fail("draw_nothing_to_fill")
    if not selection.quotas:
        raise _fail("panel_quotas_missing", "quotas")
    try:
        rules.check_quotas(selection.seats, selection.quotas, list(selection.pool.values()))
        result = panel_lottery.draw(selection)
    except DomainError as error:
        if "category" in error.params:
            error.params["category"] = str(CATEGORY_LABELS.get(error.params["category"], error.params["category"]))
        raise ServiceError.from_domain(error) from None
    with transaction.atomic():
        locked = Draw.objects.select_for_update().get(pk=draw.pk)
        if locked.is_done:
            raise _refuse_repeat(actor, locked)
        now = timezone.now()
        chosen = Volunteer.objects.filter(panel=draw.panel, code__in=result.selected)
        Membership.objects.bulk_create(
            Membership(panel=draw.panel, role=SeatRole.MEMBER, volunteer=person, draw=locked, started_at=now)
            for person in chosen)
        locked.drawn_at, locked.drawn_by, locked.seats = now, actor, selection.seats
        locked.minimum_probability = result.minimum
        locked.verification_file = rules.verification_file(selection, result, commitment_hash=locked.seed_commitment)
        locked.save(update_fields=["drawn_at", "drawn_by", "seats", "minimum_probability", "verification_file"])
        _tell_volunteers(locked, selection, set(result.selected))
        audit.record(actor, "panels.drawn", locked, None, {
            "seed_commitment": locked.seed_commitment, "seed": locked.seed, "selected": sorted(result.selected),
            "minimum_probability": result.minimum})
    return locked


def _tell_volunteers(draw: Draw, selection: rules.DrawInput, chosen: set[str]) -> None:
    """Every volunteer in the draw hears its result, in the language they volunteered in, by
    e-mail or text message as they gave their contact (sent once the draw is stored)."""
    title = draw.panel.title
    for person in Volunteer.objects.filter(panel=draw.panel, code__in=selection.pool):
        with translation.override(person.language):
            name = localised(title)
            if person.code in chosen:
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
