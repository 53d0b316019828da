from __future__ import annotations

from django.http import Http404

from .models import Message, State


def failed():
    return Message.objects.filter(state=State.FAILED).order_by("-created_at", "-pk")


def failed_message(user, pk: int) -> Message:
    """A failed message, 404 for any other (sent or still waiting) or for one that does not exist."""
    message = failed().filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def masked(recipient: str) -> str:
    """Enough of the address for staff to tell messages apart, not to read who it was."""
    name, at, domain = recipient.partition("@")
    if at:
        return f"{name[:1]}…@{domain}"
    return f"…{recipient[-3:]}"
