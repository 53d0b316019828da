"""The hash chain that makes the audit trail tamper-evident.

Each entry's hash covers its own content and the previous entry's hash, so altering or
removing any entry breaks every link after it. The head (last sequence number and hash) is
kept separately, so removing entries from the end is detected too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

GENESIS = "0" * 64


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def link_hash(previous: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + canonical(payload)).hexdigest()


@dataclass(frozen=True)
class StoredEntry:
    sequence: int
    payload: dict[str, Any]
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    sequence: int
    problem: str  # "missing", "previous_mismatch", "hash_mismatch", "head_mismatch"


def verify(entries: Iterable[StoredEntry], head_sequence: int, head_hash: str) -> Break | None:
    """Return the first broken link, or None when the chain is intact up to the head."""
    expected_previous = GENESIS
    expected_sequence = 1
    for entry in entries:
        if entry.sequence != expected_sequence:
            return Break(expected_sequence, "missing")
        if entry.previous_hash != expected_previous:
            return Break(entry.sequence, "previous_mismatch")
        if link_hash(entry.previous_hash, entry.payload) != entry.hash:
            return Break(entry.sequence, "hash_mismatch")
        expected_previous = entry.hash
        expected_sequence += 1
    if expected_sequence - 1 != head_sequence or expected_previous != (head_hash if head_sequence else GENESIS):
        return Break(expected_sequence, "head_mismatch")
    return None
