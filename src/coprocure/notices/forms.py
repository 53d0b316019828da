from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import localised
from coprocure.core.models import BuyerLegalType

from .models import KIND_CHOICES, MODIFICATION_REASONS, CompanySize, NoticeDetails
from .services import DETAIL_FIELDS


class NoticeDetailsForm(forms.ModelForm):
    """The codes are picked from lists (an unknown CPV or NUTS code is refused by the choices)."""

    class Meta:
        model = NoticeDetails
        fields = DETAIL_FIELDS

    def __init__(self, *args, tenderers=(), sizes=None, legal_type="", amendments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer_postcode"].validators.append(
            RegexValidator(r"^\d{5}$", _("Write the postcode as five digits."), code="postcode"))
        # BT-11 of the EU notices, kept on the authority itself: the same for all its procurements.
        self.fields["buyer_legal_type"] = forms.ChoiceField(
            label=_("legal type of the contracting authority"), required=False, initial=legal_type,
            choices=[("", "–"), *BuyerLegalType.choices])
        # A modification notice (38) per amendment: its ground and the contract's value before and after.
        for amendment, details in amendments:
            version = {"version": amendment.version, "summary": localised(amendment.summary)[:80]}
            self.fields[f"reason_code_{amendment.pk}"] = forms.ChoiceField(
                label=_("Amendment %(version)s (%(summary)s): ground of the modification") % version,
                required=False, choices=[("", "–"), *MODIFICATION_REASONS], initial=details.reason_code)
            for name, label in (("value_before", _("Amendment %(version)s: contract value before it (EUR)")),
                                ("value_after", _("Amendment %(version)s: contract value after it (EUR)"))):
                self.fields[f"{name}_{amendment.pk}"] = forms.DecimalField(
                    label=label % version, required=False, min_value=0, max_digits=14, decimal_places=2,
                    initial=getattr(details, name))
        # An award notice counts the tenders by the tenderer's size (BT-760) and a 33 states each
        # winner's (BT-165).
        for organisation in tenderers:
            self.fields[f"size_{organisation.pk}"] = forms.ChoiceField(
                label=_("Size of %(name)s") % {"name": organisation.name}, required=False,
                choices=[("", "–"), *CompanySize.choices], initial=(sizes or {}).get(organisation.pk, ""))


class SendForm(forms.Form):
    kind = forms.ChoiceField(label=_("notice"), choices=KIND_CHOICES)
    amendment = forms.IntegerField(required=False, widget=forms.HiddenInput)
