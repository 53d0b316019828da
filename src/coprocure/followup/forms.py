"""Input forms for follow-up, shared by the web UI and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FollowUpForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    phone = forms.CharField(
        label=_("Your phone number (optional)"), max_length=30, required=False,
        help_text=_("We send updates by e-mail. Give a phone number only if you would also like a call or a text message."),
    )


class UnsubscribeForm(forms.Form):
    token = forms.CharField(max_length=500)
