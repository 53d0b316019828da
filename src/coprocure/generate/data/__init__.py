"""Realistic synthetic data for every part of CoProcure, in bulk.

Everything is written with ``bulk_create`` in batches, straight to the tables: the services
would make one audit entry per row, and generated rows are not anybody's activity, so the
audit trail stays as it was (and ``audit-verify`` still passes). The same seed gives the same
data, apart from what is random by design: row timestamps, each tender's sealing keys and the
sealed bids made with them (sealed with ``tendering.sealing.seal`` exactly as a bidder's bid is).
"""

from __future__ import annotations

import random
import uuid

from django.db import transaction
from django.utils import timezone

from coprocure.core.models import TargetGroup

from ..scales import Scale
from .common import PHASES, Progress, t
from .contracts import Contracts
from .organisations import Organisations
from .participation import Participation
from .procurements import Procurements
from .tendering import Tendering

__all__ = ["Generator", "Progress", "generate", "t"]


class Generator(Organisations, Procurements, Participation, Tendering, Contracts):
    """Each chapter is a class of its own module; ``run`` calls them in order, and each reads what
    the earlier ones made (``self.authorities``, ``self.procurement_rows``, ``self.tenders``…)."""

    def __init__(self, scale: Scale, seed: int = 1, progress: Progress | None = None):
        self.scale = scale
        self.rng = random.Random(seed)
        self.progress = progress or Progress(enabled=False)
        self.now = timezone.now().replace(microsecond=0)
        self.today = self.now.date()

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def pick_phase(self) -> str:
        return self.rng.choices([p for p, _w in PHASES], weights=[w for _p, w in PHASES])[0]

    @transaction.atomic
    def run(self) -> dict[str, int]:
        self.groups = {group.code: group for group in TargetGroup.objects.all()}
        if not self.groups:
            raise ValueError("no target groups: run `coprocure migrate` first")
        self.organisations()
        self.people()
        self.procurements()
        self.participation()
        self.tendering()
        self.contracts()
        self.alliance()
        self.publications()
        return self.counts


def generate(scale: Scale, seed: int = 1, progress: Progress | None = None) -> dict[str, int]:
    return Generator(scale, seed, progress).run()
