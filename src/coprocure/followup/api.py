"""/api/v1 endpoints for follow-up: leave an address after answering, unsubscribe with the token."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import PUBLIC_WRITE
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.web.ratelimit import rate_limited
from coprocure.participation import selectors as participation

from . import services
from .forms import FollowUpForm, UnsubscribeForm

router = Router()


class FollowUpIn(Schema):
    email: str = ""
    phone: str = ""


class FollowUpOut(Schema):
    following: bool


class UnsubscribeIn(Schema):
    token: str = ""


class UnsubscribeOut(Schema):
    status: str


@router.post("/surveys/{pk}/follow-up", response={201: FollowUpOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE, tags=["follow-up"])
@decorate_view(rate_limited("follow_up"))
def follow_survey(request, pk: int, payload: FollowUpIn):
    """Leave an address to hear what became of the answers. Nothing links it to the answers."""
    survey = participation.visible_survey(request.user, pk)
    data = validated(FollowUpForm, payload.dict())
    services.follow(survey, data["email"], data["phone"], get_language() or "fi")
    return Status(201, {"following": True})


@router.post("/follow-up/unsubscribe", response={200: UnsubscribeOut, **ERRORS}, auth=PUBLIC_WRITE, tags=["follow-up"])
def unsubscribe_follow_up(request, payload: UnsubscribeIn):
    """``status`` is ``unsubscribed``, or ``already_unsubscribed`` when the token was used before."""
    data = validated(UnsubscribeForm, payload.dict())
    return {"status": "unsubscribed" if services.unsubscribe(data["token"]) else "already_unsubscribed"}
