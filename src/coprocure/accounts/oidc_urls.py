from django.urls import path

from . import oidc

urlpatterns = [
    path("start/", oidc.StartView.as_view(), name="oidc_start"),
    path("callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
]
