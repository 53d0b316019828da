"""Version numbers in the shared cache: one for everything (organisations, target groups,
people's names) and one per procurement. A page's cache key contains both, so bumping either
makes every copy made before it unreachable; the old copies simply expire."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

EVERYTHING = "version:all"


def procurement_key(procurement_id: int) -> str:
    return f"version:procurement:{procurement_id}"


def current(*keys: str) -> list[int]:
    found = cache.get_many(keys)
    values = []
    for key in keys:
        if key not in found:
            # A fresh, never-used value, so a copy made under an evicted version is never reached.
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
        values.append(found[key])
    return values


def bump(key: str) -> None:
    """After the change commits: a reader who rendered the page before the commit would
    otherwise store the old data under the new version."""
    transaction.on_commit(lambda: cache.set(key, time.time_ns(), timeout=None))


def procurement_changed(procurement_id: int | None) -> None:
    bump(procurement_key(procurement_id) if procurement_id is not None else EVERYTHING)
