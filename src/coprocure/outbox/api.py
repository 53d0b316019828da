"""/api/v1/outbox: the messages that could not be sent, and sending one again (site administrators)."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from coprocure.api.auth import SIGNED_IN
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from . import selectors, services

router = Router(tags=["outbox"])


class FailedMessageOut(Schema):
    id: int
    channel: str
    cause: str
    recipient: str
    attempts: int
    last_error: str
    created_at: datetime
    state: str


def _out(message) -> dict:
    return {"id": message.pk, "channel": message.channel, "cause": message.cause,
            "recipient": selectors.masked(message.recipient), "attempts": message.attempts,
            "last_error": message.last_error, "created_at": message.created_at, "state": message.state}


@router.get("/outbox/failed", response={200: list[FailedMessageOut], **ERRORS}, auth=SIGNED_IN)
@permitted("outbox.view_failed")
def outbox_failed(request):
    return [_out(message) for message in selectors.failed()[:200]]


@router.post("/outbox/messages/{pk}/retry", response={200: FailedMessageOut, **ERRORS}, auth=SIGNED_IN)
@permitted("outbox.retry", load=by_pk(selectors.failed_message))
def outbox_retry(request, pk: int):
    return _out(services.retry(request.user, target(request)))
