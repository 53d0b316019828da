"""Where text messages go: a backend class named by ``COPROCURE_SMS_BACKEND`` with one method,
``send(to, body)``, that raises on failure. A deployment plugs in its operator's gateway; the
demo writes them to a file, tests keep them in memory."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


def backend():
    return import_string(settings.COPROCURE_SMS_BACKEND)()


class FileBackend:
    """Appends each message to ``sms.log`` in the var directory so the demo shows what would have been sent."""

    def send(self, to: str, body: str) -> None:
        path = settings.VAR_DIR / "sms.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"{timezone.now().isoformat()} to {to}\n{body}\n\n")


class MemoryBackend:
    """Keeps messages in ``MemoryBackend.sent`` for tests, as Django's locmem does for e-mail."""

    sent: list[tuple[str, str]] = []

    def send(self, to: str, body: str) -> None:
        MemoryBackend.sent.append((to, body))
