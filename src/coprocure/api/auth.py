"""Who is calling the API.

Integrations send ``Authorization: Bearer <token>``; the browser uses its session. Public
endpoints declare no security in the OpenAPI document (they are open to everyone), yet still
recognise a signed-in caller — a procurement's staff see its private data through them — so a
bearer token is resolved to its user for every /api/ request by ``ApiTokenMiddleware``.
"""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken


def user_for_token(raw: str):
    found = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=ApiToken.digest_of(raw), revoked=False, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path_info.startswith("/api/") and header.lower().startswith("bearer "):
            user = user_for_token(header[7:].strip())
            if user is not None:
                request.user = user
        return self.get_response(request)


# Writes: a token for integrations, or the session (with CSRF) for the browser.
SIGNED_IN = [TokenAuth(), SessionAuth()]
# Reads open to everyone; the caller, if any, is already on request.user.
ANYONE = None
