"""Who is calling the API.

Integrations send ``Authorization: Bearer <token>``; the browser uses its session. Public
endpoints declare no security in the OpenAPI document (they are open to everyone), yet still
recognise a signed-in caller — a procurement's staff see its private data through them — so a
bearer token is resolved to its user for every /api/ request by ``ApiTokenMiddleware``.
"""

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken


def token_for(raw: str) -> ApiToken | None:
    """The active token, read only: its last use is stamped once the response is made."""
    return (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=ApiToken.digest_of(raw), revoked=False, user__is_active=True)
        .first()
    )


def _token_user(request, raw: str):
    """The token's user, looked up once per request (the middleware, the permission bridge and
    the operation's own authentication all ask)."""
    cached = getattr(request, "_token_user", None)
    if cached is not None and cached[0] == raw:
        return cached[1]
    found = token_for(raw)
    user = found.user if found is not None else None
    request._token_user = (raw, user)
    request._token_used = found.pk if found is not None else None
    return user


def stamp_last_use(request) -> None:
    """Record when a token was last used, unless the request was one whose time must not be
    tied to anyone: a request of the anonymous answering flow sets ``request.unlinkable``
    (participation.unlinkable), and its caller leaves no trace."""
    used = getattr(request, "_token_used", None)
    if used is not None and not getattr(request, "unlinkable", False):
        ApiToken.objects.filter(pk=used).update(last_used_at=timezone.now())


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = _token_user(request, token)
        if user is not None:
            request.user = user
        return user


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path_info.startswith("/api/") and header.lower().startswith("bearer "):
            user = _token_user(request, header[7:].strip())
            if user is not None:
                request.user = user
                request.authenticated_by_token = True
        response = self.get_response(request)
        stamp_last_use(request)
        return response


class SessionIfPresent(SessionAuth):
    """Session authentication that checks CSRF only when a session cookie is sent. Without a
    cookie there is nothing for a forged request to ride on, and the plain SessionAuth would
    refuse every anonymous write from a public client (it checks CSRF before looking for a
    session)."""

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


class Anonymous:
    """The last resort of PUBLIC_WRITE: nobody signed in, which the endpoint allows."""

    def __call__(self, request):
        return True


# Writes: a token for integrations, or the session (with CSRF) for the browser.
SIGNED_IN = [TokenAuth(), SessionAuth()]
# Reads open to everyone; the caller, if any, is already on request.user.
ANYONE = None
# Writes the public makes without an account (survey answers, development ideas): a signed-in
# browser still proves its form came from CoProcure (CSRF), an anonymous one needs nothing.
PUBLIC_WRITE = [TokenAuth(), SessionIfPresent(), Anonymous()]
