"""When the published counts may move to newer ones.

Suppression protects one version of the figures. Counts that follow every answer are many
versions: read before and after one more answer (one's own), the difference is that answer, and
a count hidden before and shown after, with everything else unchanged, is the shown count minus
one. So the public figures are computed from a stored snapshot of the counts, the publication,
and a new snapshot replaces it only when every count behind the figures (each cell: phase ×
target group or those who did not say, phase × method, phase × year, …) is unchanged or has
changed by at least k. Then the difference of two publications is itself a table whose cells
are 0 or at least k, so what a few known answers added is always hidden among at least k others,
and versions a few answers apart are the same publication.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from . import privacy


def moves(published: Mapping[Hashable, int] | None, live: Mapping[Hashable, int], k: int = privacy.DEFAULT_K) -> bool:
    """Whether ``live`` may replace the ``published`` snapshot (None: nothing published yet).
    A cell missing from either side counts as 0."""
    if published is None:
        return True
    changes = [live.get(cell, 0) - published.get(cell, 0) for cell in {*published, *live}]
    # Every published figure is a sum of cells: changes of one sign, each 0 or at least k, add
    # up to 0 or at least k, so no figure moves by a few either. A count can fall (an answer
    # removed by moderation); a fall beside a rise could leave a sum that moved by one.
    one_way = all(change >= 0 for change in changes) or all(change <= 0 for change in changes)
    return one_way and all(change == 0 or privacy.reaches_k(abs(change), k) for change in changes)


def following(published: Mapping[Hashable, int] | None, live: Mapping[Hashable, int],
              k: int = privacy.DEFAULT_K) -> dict[Hashable, int]:
    """The snapshot to publish: ``live`` when it may replace ``published``, else ``published``."""
    return dict(live if moves(published, live, k) else published)
