"""The cells behind the public participation figures: counted live, or as last published.

Taking part is answering a survey (not an evaluation's experience survey: that is feedback on
taking part) or attending an event, counted from the background given when taking part. The
public figures (the equality monitor, the evaluation's ledger, the comparison, the open data)
are sums of four tables of cells, all per phase: by target group ("" for those who did not
say), by method, by outreach or not, and by year. Those cells are what a publication stores and
what ``domain/publication.py`` compares, so every public figure moves only by 0 or at least k.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import ExtractYear

from coprocure.domain import evaluation

from .models import Publication, Registration, Response

GROUP, METHOD, PLACE, YEAR = "group", "method", "place", "year"
OUTREACH, INSTITUTIONAL = "outreach", "institutional"
UNSTATED = ""

Cell = tuple[str, str, object]  # (table, phase, column)


@dataclass(frozen=True)
class Figures:
    """The cells as the pages' rules read them; ``published_at`` None for live counts."""
    counts: dict[str, dict[str, int]]  # phase → target group → participations
    unstated: dict[str, int]  # phase → those who did not say
    methods: dict[tuple[str, str], int]  # (phase, kind) → participations
    places: dict[tuple[str, str], int]  # (phase, outreach or institutional) → participations
    years: dict[tuple[str, int | None], int]  # (phase, year; None: an event without a date)
    published_at: datetime | None = None


def live(procurement_ids: Iterable[int]) -> dict[int, dict[Cell, int]]:
    """Each procurement's cells now, counted for all of them at once (two queries)."""
    ids = list(procurement_ids)
    cells: dict[int, dict[Cell, int]] = {pk: defaultdict(int) for pk in ids}
    answered = (Response.objects.filter(survey__activity__procurement_id__in=ids, survey__experience__isnull=True)
                .annotate(how=F("channel"), year=ExtractYear("answered_on"))
                .values_list("survey__activity__procurement_id", "survey__activity__phase", "survey__activity__kind",
                             "survey__activity__setting", "target_group", "how", "year"))
    # Attendance has no channel: an event is outreach by its setting alone.
    attended = (Registration.objects.filter(activity__procurement_id__in=ids, attended=True)
                .annotate(how=Value(None, output_field=CharField()), year=ExtractYear("activity__starts_at"))
                .values_list("activity__procurement_id", "activity__phase", "activity__kind", "activity__setting",
                             "target_group", "how", "year"))
    for rows in (answered, attended):
        for pk, phase, kind, setting, group, how, year, n in rows.annotate(n=Count("pk")).order_by():
            own = cells[pk]
            own[(GROUP, phase, group or UNSTATED)] += n
            own[(METHOD, phase, kind)] += n
            own[(PLACE, phase, OUTREACH if evaluation.is_outreach(setting, how) else INSTITUTIONAL)] += n
            own[(YEAR, phase, year)] += n
    return {pk: dict(own) for pk, own in cells.items()}


def stored(procurement_ids: Iterable[int]) -> dict[int, Publication]:
    return {row.procurement_id: row for row in Publication.objects.filter(procurement_id__in=list(procurement_ids))}


def as_cells(rows: list) -> dict[Cell, int]:
    return {(table, phase, column): n for table, phase, column, n in rows}


def as_rows(cells: dict[Cell, int]) -> list:
    """JSON rows in a fixed order (a year column may be None)."""
    return sorted(([table, phase, column, n] for (table, phase, column), n in cells.items() if n),
                  key=lambda row: (row[0], row[1], str(row[2])))


def figures(cells: dict[Cell, int], published_at: datetime | None = None) -> Figures:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    unstated, methods, places, years = {}, {}, {}, {}
    for (table, phase, column), n in cells.items():
        if not n:
            continue
        if table == GROUP and column == UNSTATED:
            unstated[phase] = n
        elif table == GROUP:
            counts[phase][column] = n
        else:
            {METHOD: methods, PLACE: places, YEAR: years}[table][(phase, column)] = n
    return Figures(dict(counts), unstated, methods, places, years, published_at)


def live_figures(procurement) -> Figures:
    """The counts now: for the procurement's staff only, never on a public page."""
    return figures(live([procurement.pk])[procurement.pk])
