"""What the participation views' chapters share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coprocure.core.models import Procurement
from coprocure.errors import ServiceError

FORM_TEMPLATE = "participation/form.html"


def require(request, permission: str, procurement: Procurement) -> None:
    if not request.user.has_perm(permission, procurement):
        raise PermissionDenied


def said(error: ServiceError) -> str:
    """A service's refusal in one sentence, for a message or a page without a form."""
    return " ".join(message for problems in error.errors.values() for _code, message in problems)


def participation_url(procurement: Procurement) -> str:
    return reverse("participation", args=[procurement.pk])


def you_said_url(procurement: Procurement) -> str:
    return reverse("participation_you_said_we_did", args=[procurement.pk])
