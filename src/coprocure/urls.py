from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from coprocure.accounts.suomifi_client import SignOutView
from coprocure.api_v1 import api
from coprocure.web import views as web_views

urlpatterns = [
    path("api/v1/", api.urls),
    # Outside the language prefix: the provider knows exactly one callback address.
    path("oidc/", include("coprocure.accounts.oidc_urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("signin/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    # Also out of Suomi.fi after a Suomi.fi sign-in (accounts/suomifi_client.py).
    path("signout/", SignOutView.as_view(), name="logout"),
    path("", include("coprocure.accounts.urls")),
    path("readability/", web_views.readability, name="readability"),
    path("", include("coprocure.core.legal_urls")),
    path("", include("coprocure.takepart.urls")),
    path("", include("coprocure.core.urls")),
    path("", include("coprocure.partners.urls")),
    path("", include("coprocure.participation.urls")),
    path("", include("coprocure.followup.urls")),
    path("", include("coprocure.tendering.urls")),
    path("", include("coprocure.procedures.urls")),
    path("", include("coprocure.market_dialogue.urls")),
    path("", include("coprocure.negotiation.urls")),
    path("", include("coprocure.negotiation.decision_urls")),
    path("", include("coprocure.contracts.urls")),
    path("", include("coprocure.alliance.urls")),
    path("", include("coprocure.evaluation.urls")),
    path("", include("coprocure.notices.urls")),
    path("", include("coprocure.panels.urls")),
    path("", include("coprocure.ops.urls")),
    path("", include("coprocure.interop.urls")),
    path("", include("coprocure.outbox.urls")),
    prefix_default_language=False,
)

if settings.COPROCURE_BENCH:
    from coprocure.bench_views import insert_one

    urlpatterns.append(path("bench/insert-one/", insert_one))
