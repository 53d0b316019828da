from __future__ import annotations

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from coprocure.web.forms import posted

from . import services
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
