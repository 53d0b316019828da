"""The signed-in person's own sign-ups: changing what they need to take part."""

from __future__ import annotations

from coprocure.api.auth import SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors
from ..needs import NEEDS_FIELDS, NeedsForm
from ..schemas import NeedsPatch, SignUpNeedsOut
from ..services.needs import update_needs
from . import router

own_sign_up = by_pk(selectors.own_registration)


@router.patch("/me/sign-ups/{pk}", response={200: SignUpNeedsOut, **ERRORS}, auth=SIGNED_IN, tags=["me"])
@permitted(None, load=own_sign_up)
def change_needs(request, pk: int, payload: NeedsPatch):
    """Change ``dietary``, ``assistance``, ``interpreter`` or ``needs`` of one's own sign-up
    (nothing else of it); another person's sign-up is 404, a cancelled one 409."""
    registration = target(request)
    given = payload.dict(exclude_none=True)
    current = {name: getattr(registration, name) for name in NEEDS_FIELDS}
    data = validated(NeedsForm, {**current, **given}, instance=registration)
    return update_needs(request.user, registration, data)
