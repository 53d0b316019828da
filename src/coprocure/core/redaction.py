"""Free text cleaned on arrival (``domain.privacy.redact``) with the markers written in the
language of the page the text was written on, so a Finnish page never shows "[phone]"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from coprocure.domain import privacy


def markers() -> privacy.Markers:
    return privacy.Markers(
        hetu=_("[identity code removed]"), phone=_("[phone number removed]"), email=_("[e-mail address removed]"),
        iban=_("[account number removed]"), address=_("[street address removed]"),
    )


def redact(text: str) -> tuple[str, bool]:
    return privacy.redact(text, markers())
