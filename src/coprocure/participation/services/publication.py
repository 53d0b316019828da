"""Publishing the counts behind the public participation figures: one rule for the periodic
job, the staff's "publish now" and a procurement's first publication."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
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
    publication and whether it moved."""
    live = publication.live(procurement_ids)
    ks = dict(ParticipationPlan.objects.filter(procurement_id__in=procurement_ids).values_list("procurement_id", "k_threshold"))
    result = {}
    for pk in procurement_ids:
        try:
            result[pk] = _follow_one(pk, live[pk], ks.get(pk) or privacy.DEFAULT_K, actor)
        except IntegrityError:
            # Another worker made the first publication at the same moment; it stands.
            result[pk] = (Publication.objects.using("default").get(procurement_id=pk), False)
    return result


@transaction.atomic
def _follow_one(pk: int, cells: dict, k: int, actor: User | None) -> tuple[Publication, bool]:
    current = Publication.objects.select_for_update().filter(procurement_id=pk).first()
    published = publication.as_cells(current.cells) if current else None
    following = rule.following(published, cells, k)
    if current is not None and following == published:
        return current, False
    row = current or Publication(procurement_id=pk)
    before = {"published_at": row.published_at.isoformat()} if current else None
    row.cells, row.published_at = publication.as_rows(following), timezone.now()
    row.save()
    # The time only: the cells are the unsuppressed counts, which the trail must not copy.
    audit.record(actor, "participation.publication_move", row, before, {"published_at": row.published_at.isoformat()})
    return row, True


def publish(actor: User, procurement: Procurement) -> bool:
    """Staff: publish the counts now if every cell has moved by 0 or at least k since the last
    publication; whether the public figures changed."""
    require(actor, "participation.manage", procurement)
    return _follow([procurement.pk], actor)[procurement.pk][1]


def publish_all() -> int:
    """The periodic job: every procurement's publication follows its counts where it may; how many moved."""
    return sum(moved for _row, moved in _follow(list(Procurement.objects.values_list("pk", flat=True)), None).values())


@transaction.atomic
def _first(procurement_ids: list[int]) -> dict[int, Publication]:
    """The first publications of procurements that have none, the counts as they are (no earlier
    version exists to take them from), written together: a bulk reader such as the open data
    writes in the same few statements however many procurements it meets."""
    live, now = publication.live(procurement_ids), timezone.now()
    # A publication another reader made at the same moment stands; it is read back below.
    Publication.objects.bulk_create([Publication(procurement_id=pk, cells=publication.as_rows(live[pk]), published_at=now)
                                     for pk in procurement_ids], ignore_conflicts=True)
    rows = publication.stored(procurement_ids)
    # The times only, as for every move: the cells are the unsuppressed counts.
    audit.record(None, "participation.publication_first", rows[procurement_ids[0]], None,
                 {"procurements": procurement_ids, "published_at": now.isoformat()})
    return rows


def published(procurement_ids: Iterable[int]) -> dict[int, publication.Figures]:
    """The published figures of each procurement; one that has none yet gets its first."""
    ids = list(procurement_ids)
    rows = publication.stored(ids)
    if missing := [pk for pk in ids if pk not in rows]:
        rows.update(_first(missing))
    return {pk: publication.figures(publication.as_cells(rows[pk].cells), rows[pk].published_at) for pk in ids}
