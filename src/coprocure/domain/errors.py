"""The one exception type domain rules raise.

Domain code must not depend on Django's translation machinery, so an error carries a stable
``code`` (and the ``field`` it concerns); the shell turns the code into a translated message.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(eq=False)  # exceptions must stay mutable: raising sets __traceback__
class DomainError(Exception):
    code: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} ({self.field})" if self.field else self.code
