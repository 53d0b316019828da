"""The equality monitor: whom the procurement heard, per phase and overall."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core.selectors import visible_procurement
from coprocure.domain import equality

from .. import publication, selectors, services
from . import router


class EqualityGroupOut(Schema):
    code: str
    participants: int | None
    share: float | None
    reference_share: float | None
    ratio: float | None
    flagged: bool
    suggested_kind: str | None
    suggested_setting: str | None


class EqualityOut(Schema):
    total: int | None
    unstated: int | None
    k: int
    groups: list[EqualityGroupOut]


class EqualityPhaseOut(EqualityOut):
    phase: str


class EqualityMonitorOut(Schema):
    live: bool  # counted now: the staff's view, never public
    published_at: datetime | None  # when the counts behind public figures were published
    overall: EqualityOut
    phases: list[EqualityPhaseOut]


class PublicationOut(Schema):
    moved: bool  # whether the public figures changed
    published_at: datetime


def _equality_out(view: dict) -> dict:
    return {
        "total": view["total"], "unstated": view["unstated"], "k": view["k"],
        "groups": [
            {"code": row["code"], "participants": row["participants"], "share": row["share"],
             "reference_share": row["reference_share"], "ratio": row["ratio"], "flagged": row["flagged"],
             "suggested_kind": equality.suggested_outreach(row["code"])[0] if row["flagged"] else None,
             "suggested_setting": equality.suggested_outreach(row["code"])[1] if row["flagged"] else None}
            for row in view["groups"]
        ],
    }


def _monitor_out(procurement, figures: publication.Figures) -> dict:
    monitor = selectors.equality_monitor(selectors.plan_of(procurement), figures)
    return {
        "live": monitor["live"], "published_at": monitor["published_at"],
        "overall": _equality_out(monitor["overall"]),
        "phases": [{"phase": phase["code"], **_equality_out(phase)} for phase in monitor["phases"]],
    }


@router.get("/procurements/{pk}/participation/equality", response={200: EqualityMonitorOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=by_pk(visible_procurement))
def get_equality(request, pk: int):
    """Each target group's share among participants (percent) against the plan's reference
    share, the representation ratio and whether it is under 0.8; per phase and overall. Counts
    under the plan's k are null, and so is everything derived from them. Counted live
    (``live`` true): for the procurement's staff only, never public."""
    procurement = target(request)
    return _monitor_out(procurement, publication.live_figures(procurement))


@router.get("/procurements/{pk}/equality", response={200: EqualityMonitorOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def get_public_equality(request, pk: int):
    """The same equality monitor for everyone who may see the procurement: it holds only counts
    suppressed below the plan's k and what is derived from shown counts, computed from the
    published counts (``published_at``), which change only when every count has changed by
    none or by at least k."""
    procurement = target(request)
    return _monitor_out(procurement, services.published([procurement.pk])[procurement.pk])


@router.post("/procurements/{pk}/participation/publication", response={200: PublicationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(visible_procurement))
def publish_counts(request, pk: int):
    """Publish the counts now, as the periodic job does: the public figures change only if
    every count has changed by none or by at least k since they were published (``moved``)."""
    procurement = target(request)
    moved = services.publish(request.user, procurement)
    return {"moved": moved, "published_at": services.published([procurement.pk])[procurement.pk].published_at}
