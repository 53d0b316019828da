"""Rate limits on the public writes (survey answers, development proposals, follow-up
sign-ups), counted in the shared cache.

The rule (windows, keys) lives in coprocure.domain.ratelimit; this module reads the client
address, counts in ``caches["default"]`` (the database cache every app process shares in
production) and refuses with 429 and ``Retry-After``. Signed-in people are limited too, by the
same counter of their address: an account is no licence to stuff a survey, and an anonymous
survey's answer does not even look at who is signed in (participation.unlinkable). Staff
entering answers collected on paper use the batch entry, which is not limited.

Django-ratelimit was considered: its cache keys are an unkeyed MD5 of the address, where we
want a keyed hash (HMAC with SECRET_KEY) so a copied cache table cannot be tested against
guessed addresses, and its refusal is a 403 that every page and the API would still have to
turn into a 429 that keeps the form filled. The counting itself is a few lines.
"""

from __future__ import annotations

import contextvars
import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from coprocure.domain import ratelimit as rule
from coprocure.errors import ServiceError, message_for

# A refused page still renders its form, filled in, with the message on it: the view runs as
# usual and save_form (coprocure.web.forms) raises this refusal instead of saving.
_refusal: contextvars.ContextVar[RateLimited | None] = contextvars.ContextVar("rate_limit_refusal", default=None)


class RateLimited(ServiceError):
    def __init__(self, retry_after: int):
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__({None: [("rate_limited", message_for("rate_limited", {"minutes": minutes}))]}, status=429)
        self.retry_after = retry_after
        self.shown = False


def client_address(request) -> str:
    """The address from the configured trusted header. A proxy appends the address it saw to
    X-Forwarded-For, so the last entry is the one it vouches for; earlier ones are the client's
    own claims."""
    return request.META.get(settings.COPROCURE_CLIENT_ADDRESS_HEADER, "").split(",")[-1].strip()


def count(request, action: str, target) -> None:
    """Count one write of ``action`` on ``target`` from the request's address, or raise
    RateLimited without counting when the window's limit is reached."""
    configured = settings.COPROCURE_RATE_LIMITS.get(action)
    if configured is None:
        return
    limit = rule.Limit(*configured)
    now = time.time()
    key = rule.counter_key(settings.SECRET_KEY, action, str(target), client_address(request), now, limit)
    if not rule.allowed(cache.get(key, 0), limit):
        raise RateLimited(rule.retry_after(now, limit))
    # The counter holds only a number and dies with its window (a minute later, for clocks that
    # differ between processes); the window is in the key, so a late expiry counts nothing twice.
    timeout = rule.retry_after(now, limit) + 60
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)


def refuse_if_limited() -> None:
    if (refusal := _refusal.get()) is not None:
        refusal.shown = True
        raise refusal


def rate_limited(action: str, target: str = "pk"):
    """Limit a view's POSTs per client address and ``target`` (the URL argument naming the
    survey or contract). Pages show the refusal on their form; API operations (wrap them with
    ninja's ``decorate_view``) answer with the API's error body. Both answer 429 with
    Retry-After and store nothing."""

    def decorate(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            try:
                count(request, action, kwargs.get(target, ""))
            except RateLimited as refusal:
                if request.path_info.startswith("/api/"):
                    response = JsonResponse({"detail": str(refusal.errors[None][0][1]), "errors": [
                        {"field": None, "code": code, "message": message} for code, message in refusal.errors[None]]},
                        status=429)
                else:
                    token = _refusal.set(refusal)
                    try:
                        response = view(request, *args, **kwargs)
                    finally:
                        _refusal.reset(token)
                    # A form with mistakes or a closed survey keeps its own answer: nothing
                    # would have been stored anyway, and that is what the person must fix.
                    if not refusal.shown:
                        return response
                    response.status_code = 429
                response["Retry-After"] = str(refusal.retry_after)
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorate
