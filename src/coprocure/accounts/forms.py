"""Input for accounts: signing up, resetting a password, deleting one's account. Shared by the
pages and the API (through coprocure.api.forms.validated)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from coprocure.web.ratelimit import RateLimited, refuse_if_limited

from . import services


class RateLimitedForm(forms.Form):
    """Over the limit, the form itself says so (429), for views that do not save through
    ``web.forms.save_form``."""

    def clean(self):
        data = super().clean()
        try:
            refuse_if_limited()
        except RateLimited as refusal:
            raise forms.ValidationError(refusal.errors[None][0][1], code="rate_limited") from None
        return data


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             help_text=_("We send a link here. Your account is made when you open it."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               help_text=_("At least 10 characters. A few words in a row are easy to remember."),
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False, required=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    understood = forms.BooleanField(label=_("I understand that my account is deleted for good"))


class OutboxPasswordResetForm(RateLimitedForm, PasswordResetForm):
    """Django's reset, with its one-time, expiring token; the message goes through the outbox
    in the reader's language, and the page says the same whether or not the address has an account."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        user = context["user"]
        services.send_password_reset(user, to_email, context["token"])
