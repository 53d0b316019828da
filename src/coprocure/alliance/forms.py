"""Input checks shared by the web UI and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CostLine, SettlementPeriod

SPLIT_PREFIX = "split_"


class PeriodForm(forms.ModelForm):
    """The commercial model, with one split percentage per provider party of the contract."""

    class Meta:
        model = SettlementPeriod
        fields = ["label", "starts_on", "ends_on", "target_cost", "fee_kind", "fee_amount", "gain_share", "pain_share",
                  "gain_cap", "pain_cap", "kra_bonus_pool", "kra_sanction_pool", "missing_kra", "downside_beyond_fee"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}), "ends_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.providers = list(contract.parties.exclude(role="authority").order_by("name"))
        for party in self.providers:
            self.fields[f"{SPLIT_PREFIX}{party.pk}"] = forms.DecimalField(
                label=_("%(provider)s: share of the payment (%%)") % {"provider": party.name},
                max_digits=7, decimal_places=4,
            )

    def clean(self):
        data = super().clean()
        data["split"] = {party: data.pop(f"{SPLIT_PREFIX}{party.pk}", None) for party in self.providers}
        return data


class CostLineForm(forms.ModelForm):
    class Meta:
        model = CostLine
        fields = ["amount", "category", "evidence"]


class CostDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", _("Approve: the cost counts in the settlement")), ("no", _("Reject: the cost does not count"))],
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The provider sees the reason, and it is recorded in the audit trail."))


class ScenarioForm(forms.Form):
    """What if: a different cost total or KRA values. Nothing is stored."""

    actual_cost = forms.DecimalField(label=_("Total approved costs (EUR)"), required=False, min_value=0,
                                     max_digits=14, decimal_places=2)

    def __init__(self, *args, kras, **kwargs):
        super().__init__(*args, **kwargs)
        for kra, domain_kra in kras:
            self.fields[f"kra_{domain_kra.id}"] = forms.DecimalField(
                label=str(kra), required=False, max_digits=14, decimal_places=4)
