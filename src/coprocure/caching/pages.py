"""The view decorator that serves a public page from the shared cache to anonymous readers."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from . import versions

HEADER = "X-CoProcure-Cache"


def _anonymous(request) -> bool:
    """No session, no pending messages, no API token: nothing in the page can be this reader's own."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.headers.get("HX-Request")
        and not request.user.is_authenticated
    )


def _key(request, name: str, procurement_id: int) -> str:
    everything, procurement = versions.current(versions.EVERYTHING, versions.procurement_key(procurement_id))
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    # The day is in the key because some pages say what is due or late as of today.
    return f"page:{name}:{request.LANGUAGE_CODE}:{timezone.localdate():%Y%m%d}:{everything}:{procurement}:{path}"


def public_page(name: str, procurement_of=lambda pk: pk):
    """``procurement_of(pk)`` gives the procurement whose version the page depends on, or None
    when there is no such page (the view then answers 404 itself)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _anonymous(request):
                return view(request, *args, **kwargs)
            procurement_id = procurement_of(kwargs["pk"])
            if procurement_id is None:
                return view(request, *args, **kwargs)
            key = _key(request, name, procurement_id)
            stored = cache.get(key)
            if stored is not None:
                content_type, content = stored
                response = HttpResponse(content, content_type=content_type)
                response[HEADER] = "hit"
                return response
            # Tells the base template to leave out the CSRF token: a shared copy must hold no one's token.
            request.public_cache = True
            response = view(request, *args, **kwargs)
            if (response.status_code == 200 and not response.streaming and not response.cookies
                    and b"csrf" not in response.content.lower()):
                cache.set(key, (response["Content-Type"], response.content))
                response[HEADER] = "miss"
            return response

        return wrapper

    return decorator
