from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from coprocure.web.ratelimit import rate_limited

from . import views
from .forms import OutboxPasswordResetForm

urlpatterns = [
    path("signin/confirm/", views.two_factor, name="two_factor"),
    path("signup/", views.signup, name="signup"),
    path("signup/confirm/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path("account/delete/", views.delete_account, name="account_delete"),
    path("password/reset/", rate_limited("account")(auth_views.PasswordResetView.as_view(
        form_class=OutboxPasswordResetForm, template_name="accounts/password_reset.html",
        success_url=reverse_lazy("password_reset_done"))), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_sent.html"), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm"),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
]
