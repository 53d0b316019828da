"""/api/v1 endpoints for follow-up: leave an address after answering, unsubscribe with the token."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import PUBLIC_WRITE
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.participation import selectors as participation
from coprocure.participation.unlinkable import unlinkable
from coprocure.web.ratelimit import rate_limited

from . import services
from .forms import FollowUpForm, UnsubscribeForm
from .schemas import FollowUpIn, FollowUpOut, UnsubscribeIn, UnsubscribeOut

router = Router(tags=["follow-up"])


def _survey(request, **path):
    return participation.answering_survey(request, int(path["pk"]))


_survey.path_parameter = "pk"


@router.post("/surveys/{pk}/follow-up", response={201: FollowUpOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE)
@decorate_view(unlinkable)
@decorate_view(rate_limited("follow_up"))
@permitted(None, load=_survey)
def follow_survey(request, pk: int, payload: FollowUpIn):
    """Leave an address to hear what became of the answers. Nothing links it to the answers."""
    data = validated(FollowUpForm, payload.dict())
    services.follow(target(request), data["email"], data["phone"], get_language() or "fi")
    return Status(201, {"following": True})


# The token is the only key to a contact, so anyone may use it: there is no object to load
# and no rule to ask before it is checked.
@router.post("/follow-up/unsubscribe", response={200: UnsubscribeOut, **ERRORS}, auth=PUBLIC_WRITE)
@permitted(None)
def unsubscribe_follow_up(request, payload: UnsubscribeIn):
    """``status`` is ``unsubscribed``, or ``already_unsubscribed`` when the token was used before."""
    data = validated(UnsubscribeForm, payload.dict())
    return {"status": "unsubscribed" if services.unsubscribe(data["token"]) else "already_unsubscribed"}
