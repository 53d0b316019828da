from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from coprocure.errors import ServiceError
from coprocure.web.forms import posted, save_form
from coprocure.web.ratelimit import rate_limited

from . import services
from .forms import DeleteAccountForm, SignupForm
from .twofactor import device_for


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"), max_length=6, min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class EnrolmentForm(forms.Form):
    enrolment_code = forms.CharField(
        label=gettext_lazy("Enrolment code"), max_length=20,
        help_text=gettext_lazy("The one-time code you were given in person or through your organisation's own channel."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


ENROLLING = "accounts.enrolling"


def _enrol(request):
    """The enrolment code step: a password alone never lets anyone enrol an authenticator."""
    form = EnrolmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if services.redeem_enrolment_code(request.user, form.cleaned_data["enrolment_code"]):
            request.session[ENROLLING] = request.user.pk
            return redirect(request.get_full_path())
        form.add_error("enrolment_code", forms.ValidationError(
            _("This enrolment code is not valid. Ask the site administrator for a new one."), code="enrolment_code_invalid"))
    return render(request, "accounts/enrolment.html", {"form": form}, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Set up an authenticator once (after an enrolment code given out of band), then confirm a
    code on every sign-in."""
    device = device_for(request.user)
    setting_up = device is None
    if setting_up and request.session.get(ENROLLING) != request.user.pk:
        return _enrol(request)
    if setting_up:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
            user=request.user, name="authenticator", confirmed=False,
        )
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                services.confirm_device(request.user, device)
                request.session.pop(ENROLLING, None)
            otp_login(request, device)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
                target = "/"
            return redirect(target)
        form.add_error("code", forms.ValidationError(_("The code is not right. Check the time on your phone and try the newest code."), code="wrong_code"))
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5) if setting_up else None
    return render(request, "accounts/two_factor.html", {
        "form": form, "setting_up": setting_up, "qr": qr, "secret": device.key if setting_up else None,
    }, status=422 if form.errors else 200)


@rate_limited("account")
@require_http_methods(["GET", "POST"])
def signup(request):
    """Create an account: the address is confirmed by a link before the account exists. The
    page answers the same whether or not the address has an account already."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(posted(request))
    if request.method == "POST" and save_form(form, lambda data: services.request_signup(
            data["email"], data["password"], request.LANGUAGE_CODE) or True):
        return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form}, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def signup_confirm(request, token: str):
    """The link in the message. Opening it only shows a button, so a mail scanner that follows
    links confirms nothing; the button makes the account and signs the person in."""
    problem, status = None, 200
    try:
        services.read_signup_token(token)
        if request.method == "POST":
            user = services.confirm_signup(token)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready and you are signed in. Welcome!"))
            return redirect("dashboard")
    except ServiceError as error:
        problem, status = error.errors[None][0][1], error.status
    return render(request, "accounts/signup_confirm.html", {"problem": problem}, status=status)


@login_required
@rate_limited("account")
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete one's own account after saying what goes and what stays."""
    form = DeleteAccountForm(posted(request))
    if request.method == "POST" and save_form(form, lambda data: services.delete_own_account(
            request.user, request.user, data["password"]) or True):
        logout(request)
        messages.success(request, _("Your account was deleted."))
        return redirect("home")
    return render(request, "accounts/delete.html", {
        "form": form, "needs_password": request.user.has_usable_password(),
    }, status=422 if form.errors else 200)
