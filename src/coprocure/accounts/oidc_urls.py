from django.urls import path

from . import oidc, suomifi, suomifi_client

urlpatterns = [
    path("start/", oidc.StartView.as_view(), name="oidc_start"),
    path("callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("suomifi/start/", suomifi.StartView.as_view(), name="suomifi_start"),
    path("suomifi/callback/", suomifi.CallbackView.as_view(), name="suomifi_callback"),
    # Addresses registered in the service's metadata at Suomi.fi: its keys, and the return after signing out.
    path("suomifi/jwks/", suomifi_client.jwks_view, name="suomifi_jwks"),
    path("suomifi/signed-out/", suomifi_client.signed_out_view, name="suomifi_signed_out"),
]
