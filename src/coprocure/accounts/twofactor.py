"""Two-factor sign-in for the people who exercise public power or run the site.

Officials (viranhaltija) and site administrators must confirm a time-based one-time code
(TOTP, any authenticator app) after their password before they can do anything else; other
people may sign in with a password alone. A sign-in through the authority's OpenID Connect
provider counts as two-factor when the provider asserts it did so (accounts/oidc.py).

Until then the session reaches nothing but the second-factor step: every page redirects there
and every /api/ request is refused with 401, reads of public data included (a half-finished
sign-in must not be a signed-in caller anywhere). Bearer tokens issued to integrations are the
only exemption: a token is its own credential, issued by an administrator.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .oidc import provider_asserted_mfa


def requires_second_factor(user) -> bool:
    return bool(
        settings.COPROCURE_REQUIRE_2FA and user.is_authenticated
        and (user.is_superuser or user.position == "official")
    )


def device_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class SecondFactorRequiredMiddleware:
    """Send a signed-in official or administrator who has not confirmed a code this session to
    the code page; only that page, signing out and static files stay reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and not getattr(request, "authenticated_by_token", False)
                and requires_second_factor(user) and not user.is_verified()
                and not provider_asserted_mfa(request, user)):
            path = request.path_info
            if path.startswith("/api/"):
                message = _("Confirm your sign-in with the code from your authenticator app first.")
                return JsonResponse({"detail": message, "errors": [
                    {"field": None, "code": "second_factor_required", "message": message}]}, status=401)
            allowed = (reverse("two_factor"), reverse("logout"), settings.STATIC_URL, "/oidc/")
            if not any(path.startswith(prefix) for prefix in allowed):
                return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)
