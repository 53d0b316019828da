"""Publishing the counts behind the public participation figures: one rule for the periodic
job, the staff's "publish now" and a procurement's first publication."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import require
from coprocure.domain import privacy
from coprocure.domain import publication as rule

from .. import publication
from ..models import ParticipationPlan, Publication


def _follow(procurement_ids: list[int], actor: User | None) -> dict[int, tuple[Publication, bool]]:
    """Move each procurement's publication to its live cells where the rule lets it: the
    publication and whether it moved. Those without one get their first."""
    live, rows = publication.live(procurement_ids), publication.stored(procurement_ids)
    missing = [pk for pk in procurement_ids if pk not in rows]
    result = {pk: (row, True) for pk, row in _first(missing, live, actor).items()} if missing else {}
    ks = dict(ParticipationPlan.objects.filter(procurement_id__in=list(rows)).values_list("procurement_id", "k_threshold"))
    for pk, row in rows.items():
        k = ks.get(pk) or privacy.DEFAULT_K
        # Only a publication the rule would move is locked and read again: the periodic job meets
        # every procurement, and most have not moved by k since the last quarter hour.
        published = publication.as_cells(row.cells)
        moves = rule.following(published, live[pk], k) != published
        result[pk] = _move(pk, live[pk], k, actor) if moves else (row, False)
    return result


@transaction.atomic
def _move(pk: int, cells: dict, k: int, actor: User | None) -> tuple[Publication, bool]:
    row = Publication.objects.select_for_update().get(procurement_id=pk)
    published = publication.as_cells(row.cells)
    following = rule.following(published, cells, k)
    if following == published:
        return row, False
    before = {"published_at": row.published_at.isoformat()}
    row.cells, row.published_at = publication.as_rows(following), timezone.now()
    row.save(update_fields=["cells", "published_at"])
    # The time only: the cells are the unsuppressed counts, which the trail must not copy.
    audit.record(actor, "participation.publication_move", row, before, {"published_at": row.published_at.isoformat()})
    return row, True


@transaction.atomic
def _first(procurement_ids: list[int], live: dict, actor: User | None) -> dict[int, Publication]:
    """The first publications of procurements that have none, the counts as they are (no earlier
    version exists to take them from), written together: a bulk reader such as the open data
    writes in the same few statements however many procurements it meets."""
    now = timezone.now()
    # A publication another reader made at the same moment stands; it is read back below.
    Publication.objects.bulk_create([Publication(procurement_id=pk, cells=publication.as_rows(live[pk]), published_at=now)
                                     for pk in procurement_ids], ignore_conflicts=True)
    rows = publication.stored(procurement_ids)
    audit.record(actor, "participation.publication_first", rows[procurement_ids[0]], None,
                 {"procurements": procurement_ids, "published_at": now.isoformat()})
    return rows


def publish(actor: User, procurement: Procurement) -> bool:
    """Staff: publish the counts now if every cell has moved by 0 or at least k since the last
    publication; whether the public figures changed."""
    require(actor, "participation.manage", procurement)
    return _follow([procurement.pk], actor)[procurement.pk][1]


def publish_all() -> int:
    """The periodic job: every procurement's publication follows its counts where it may; how many moved."""
    return sum(moved for _row, moved in _follow(list(Procurement.objects.values_list("pk", flat=True)), None).values())


def published(procurement_ids: Iterable[int]) -> dict[int, publication.Figures]:
    """The published figures of each procurement; one that has none yet gets its first."""
    ids = list(procurement_ids)
    rows = publication.stored(ids)
    if missing := [pk for pk in ids if pk not in rows]:
        rows.update(_first(missing, publication.live(missing), None))
    return {pk: publication.figures(publication.as_cells(rows[pk].cells), rows[pk].published_at) for pk in ids}
