"""Which notices the procurement needs now, each with what it still lacks (for the page and the API)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Phase
from coprocure.domain.errors import DomainError
from coprocure.domain.notice_kinds import NoticeKind, Stage, notice_for

from . import build
from .models import KIND_CHOICES, Submission

LABELS = dict(KIND_CHOICES)


@dataclass
class Row:
    stage: Stage
    kind: NoticeKind | None
    required: bool
    missing: list[build.Missing] = field(default_factory=list)
    live: Submission | None = None
    amendment: object = None  # the amendment a modification notice announces

    @property
    def label(self):
        return LABELS[self.kind.value] if self.kind else ""

    @property
    def query(self) -> str:
        return f"?amendment={self.amendment.pk}" if self.amendment else ""


def overview(procurement) -> list[Row]:
    """One row per stage CoProcure produces a notice for (the planning notices while the
    procurement is prepared, a modification notice per amendment above the EU threshold); without an estimated value no notice can be chosen, which the
    single row says."""
    live = {(s.kind, s.amendment_id): s
            for s in procurement.notice_submissions.filter(status__in=["queued", "accepted"]).defer("xml")}
    rows = []
    planning = (Stage.MARKET_DIALOGUE, Stage.PRIOR_INFORMATION) if procurement.phase == Phase.PREPARATION else ()
    for stage in (*planning, Stage.COMPETITION, Stage.AWARD):
        try:
            need = notice_for(procurement.estimated_value, stage)
        except DomainError:
            return [Row(stage, None, True, [build.Missing("estimated_value", _("estimated value (EUR)"))])]
        rows.append(Row(stage, need.kind, need.required, build.missing(procurement, need.kind),
                        live.get((need.kind.value, None))))
    for amendment in build.amendments(procurement):
        need = notice_for(procurement.estimated_value, Stage.MODIFICATION, build.modification_of(amendment).reason_code)
        if need is not None:
            rows.append(Row(Stage.MODIFICATION, need.kind, need.required,
                            build.missing(procurement, need.kind, amendment),
                            live.get((need.kind.value, amendment.pk)), amendment))
    return rows
