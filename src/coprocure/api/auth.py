from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user", "user__organisation")
            .filter(digest=ApiToken.digest_of(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class Anonymous:
    """Lets public endpoints run for everyone while still recognising signed-in callers."""

    def __call__(self, request):
        return True


# Tokens for integrations, the session (with CSRF) for the browser, or nobody.
SIGNED_IN = [TokenAuth(), SessionAuth()]
ANYONE = [TokenAuth(), SessionAuth(), Anonymous()]
