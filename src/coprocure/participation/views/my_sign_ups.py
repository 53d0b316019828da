"""Editing the needs of one's own sign-up, from "My participation"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.web.forms import form_page, posted

from .. import selectors
from ..needs import NeedsForm
from ..services.needs import update_needs


@login_required
@require_http_methods(["GET", "POST"])
def sign_up_needs(request, pk: int):
    registration = selectors.own_registration(request.user, pk)
    return form_page(
        request, NeedsForm(posted(request), instance=registration), template="participation/my/needs.html",
        context={"registration": registration, "activity": registration.activity},
        save=lambda data: update_needs(request.user, registration, data),
        success=_("Your needs were saved. The organisers see them on the list of people coming."),
        next_url=lambda saved: reverse("my_participation"),
    )
