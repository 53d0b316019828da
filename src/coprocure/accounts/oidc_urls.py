from django.urls import path

from . import oidc, suomifi

urlpatterns = [
    path("start/", oidc.StartView.as_view(), name="oidc_start"),
    path("callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("suomifi/start/", suomifi.StartView.as_view(), name="suomifi_start"),
    path("suomifi/callback/", suomifi.CallbackView.as_view(), name="suomifi_callback"),
]
