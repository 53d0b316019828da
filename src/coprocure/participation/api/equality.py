"""The equality monitor: whom the procurement heard, per phase and overall."""

from __future__ import annotations

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core.selectors import visible_procurement
from coprocure.domain import equality

from .. import selectors
from ..schemas import EqualityMonitorOut
from . import router


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


def _monitor_out(procurement) -> dict:
    monitor = selectors.equality_monitor(procurement, selectors.plan_of(procurement))
    return {
        "overall": _equality_out(monitor["overall"]),
        "phases": [{"phase": phase["code"], **_equality_out(phase)} for phase in monitor["phases"]],
    }


@router.get("/procurements/{pk}/participation/equality", response={200: EqualityMonitorOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.view_results", load=by_pk(visible_procurement))
def get_equality(request, pk: int):
    """Each target group's share among participants (percent) against the plan's reference
    share, the representation ratio and whether it is under 0.8; per phase and overall. Counts
    under the plan's k are null, and so is everything derived from them."""
    return _monitor_out(target(request))


@router.get("/procurements/{pk}/equality", response={200: EqualityMonitorOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def get_public_equality(request, pk: int):
    """The same equality monitor for everyone who may see the procurement: it holds only counts
    suppressed below the plan's k and what is derived from shown counts."""
    return _monitor_out(target(request))
