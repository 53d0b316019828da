from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def failed_messages(request):
    if not request.user.has_perm("outbox.view_failed"):
        raise PermissionDenied
    rows = [{"message": message, "recipient": selectors.masked(message.recipient)}
            for message in selectors.failed()[:200]]
    return render(request, "outbox/failed.html", {"rows": rows})


@login_required
@require_POST
def retry(request, pk: int):
    if not request.user.has_perm("outbox.retry"):
        raise PermissionDenied
    services.retry(request.user, selectors.failed_message(request.user, pk))
    messages.success(request, _("The message will be sent again."))
    return redirect("outbox_failed")
