"""What the negotiation's pages share: the permission check and the status of a refused form."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(request, permission: str, stage) -> None:
    if not request.user.has_perm(permission, stage.procurement):
        raise PermissionDenied


def refusal_status(form, conflicts: set[str], forbidden: frozenset[str] = frozenset()) -> int:
    """409 for a refusal because of the state, 403 for one because of who asks, else 422."""
    codes = {e.code for errors in form.errors.as_data().values() for e in errors}
    return 409 if codes & conflicts else 403 if codes & forbidden else 422
