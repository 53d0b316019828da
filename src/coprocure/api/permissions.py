"""Permissions bridged into the API once.

Every endpoint that acts on an object declares, under its ``@router.<method>`` line, the rule
it needs and how to load the object the rule is asked of::

    @router.post("/contracts/{pk}/parties", response=..., auth=SIGNED_IN)
    @permitted("contracts.manage", load=contract_by_pk)
    def add_party(request, pk: int, payload: PartyIn):
        contract = target(request)

The bridge applies the declaration in one order for every endpoint: who is calling
(authentication, 401), then the object (404 alike for one that is missing and one the caller
may not see), then the rule (403, or 404 where the declaration says the refusal must not reveal
that the object exists), and only then is the request body read and validated and the
endpoint run. So a caller without the permission learns nothing from validation messages, and
the endpoint body holds no hand-written permission checks (adhocracy4's ``RulesPermission``
plays this part there).

A loader takes the raw path parameters and returns the object, or raises ``Http404``. A path
parameter that is not a number is left for the endpoint's own validation (422).
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.decorators import decorate_view

Loader = Callable[..., Any]


def target(request):
    """The object the bridge loaded and checked for this request."""
    return request.permission_target


def by_pk(load_visible: Callable[[Any, int], Any], name: str = "pk") -> Loader:
    """A loader from a selector taking ``(user, pk)`` that raises 404 for what the user may not see."""

    def load(request, **path):
        return load_visible(request.user, int(path[name]))

    load.path_parameter = name
    return load


def permitted(permission: str | None, load: Loader | None = None, *, of: Callable[[Any], Any] | None = None,
              hidden: bool = False):
    """Declare an endpoint's rule. ``permission`` is a django-rules name asked of ``of(obj)``
    (the loaded object itself by default); ``None`` means the loader's own visibility check is
    the whole rule. ``hidden``: refuse with 404 instead of 403."""

    def bridge(run: Callable) -> Callable:
        operation = _operation_of(run)

        @wraps(run)
        def checked(request, **path):
            if not _authenticated(operation, request):
                return run(request, **path)  # the operation answers 401 itself
            try:
                request.permission_target = _check(request, path, permission, load, of, hidden)
            except (Http404, PermissionDenied) as refusal:
                return operation.api.on_exception(request, refusal)
            return run(request, **path)

        return checked

    # Ninja wraps ``Operation.run`` (authentication, then the body, then the endpoint) with
    # this, on every copy of the operation it mounts.
    return decorate_view(bridge)


def _operation_of(run: Callable):
    while not hasattr(run, "__self__"):
        run = run.__wrapped__
    return run.__self__


def _authenticated(operation, request) -> bool:
    """Whether the operation's own authentication lets the caller in. A callback that raises
    (a failed CSRF check) counts as no: the operation then answers with its own error."""
    callbacks = operation.auth_callbacks or ()
    try:
        return not callbacks or any(callback(request) for callback in callbacks)
    except Exception:
        return False


def _check(request, path: dict, permission, load, of, hidden):
    obj = None
    if load is not None:
        name = getattr(load, "path_parameter", None)
        if name is not None and not _is_integer(path.get(name, "")):
            return None  # not a number: the endpoint's validation answers 422
        obj = load(request, **path)
    if permission is not None and not request.user.has_perm(permission, of(obj) if of else obj):
        if hidden:
            raise Http404
        raise PermissionDenied(permission)
    return obj


def _is_integer(value) -> bool:
    """What the endpoint's ``int`` parameter will accept (negative ids included, which the
    loader then answers with 404 like any id that names nothing)."""
    try:
        int(str(value))
    except ValueError:
        return False
    return True
