from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import KIND_CHOICES, CompanySize, NoticeDetails
from .services import DETAIL_FIELDS


class NoticeDetailsForm(forms.ModelForm):
    """The codes are picked from lists (an unknown CPV or NUTS code is refused by the choices)."""

    class Meta:
        model = NoticeDetails
        fields = DETAIL_FIELDS

    def __init__(self, *args, winners=(), sizes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer_postcode"].validators.append(
            RegexValidator(r"^\d{5}$", _("Write the postcode as five digits."), code="postcode"))
        # An EU award notice states each winning tenderer's size (BT-165).
        for organisation in winners:
            self.fields[f"size_{organisation.pk}"] = forms.ChoiceField(
                label=_("Size of %(name)s") % {"name": organisation.name}, required=False,
                choices=[("", "–"), *CompanySize.choices], initial=(sizes or {}).get(organisation.pk, ""))


class SendForm(forms.Form):
    kind = forms.ChoiceField(label=_("notice"), choices=KIND_CHOICES)
