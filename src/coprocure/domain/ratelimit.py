"""Rate limits on the writes the public makes without an account.

CoProcure asks nobody to solve a CAPTCHA: they shut out exactly the people a participatory
procurement must reach (older people, people using screen readers, people on a drop-in
centre's old computer). One-time tokens stop a form being sent twice; these limits stop one
address flooding a survey or an idea box. Counting uses fixed windows: a counter per action,
address, target and window, which expires with its window, so nothing outlives the window
and nothing in it can be joined to an answer.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass

# 128 bits of the HMAC: collisions between addresses are negligible, and the key stays short.
KEY_HEX_CHARS = 32


@dataclass(frozen=True)
class Limit:
    """At most ``count`` writes per ``window`` seconds."""

    count: int
    window: int

    def __post_init__(self):
        if self.count < 1 or self.window < 1:
            raise ValueError("a limit needs at least one write per window of at least one second")


def allowed(count: int, limit: Limit) -> bool:
    """Whether one more write may be made when ``count`` were already made in this window."""
    return count < limit.count


def window_index(now: float, limit: Limit) -> int:
    """The number of the fixed window ``now`` (seconds since the epoch) falls in."""
    return int(now // limit.window)


def retry_after(now: float, limit: Limit) -> int:
    """Whole seconds until the current window ends and writes are allowed again (at least 1)."""
    return max(1, math.ceil((window_index(now, limit) + 1) * limit.window - now))


def counter_key(secret: str, action: str, target: str, address: str, now: float, limit: Limit) -> str:
    """The cache key of one counter. The address is only ever an input to a keyed hash (HMAC
    with the site's secret), so neither the key nor the store reveals it, and without the
    secret nobody can test a guessed address against it. The window is part of the key, so
    each window counts from zero."""
    message = "\x1f".join((action, target, address)).encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:KEY_HEX_CHARS]
    return f"ratelimit:{action}:{window_index(now, limit)}:{digest}"
