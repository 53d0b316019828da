"""Input checks shared by the web UI and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.contracts.forms import DecisionForm
from coprocure.core.models import User

from .models import AuditReport, CostLine, Matter, PartyStance, SettlementPeriod

SPLIT_PREFIX = "split_"
POSITION_PREFIX = "position_"
REPRESENTATIVE_PREFIX = "representative_"
VIEW_PREFIX = "view_"


class PeriodForm(forms.ModelForm):
    """The commercial model, with one split percentage per provider party of the contract."""

    class Meta:
        model = SettlementPeriod
        fields = ["label", "starts_on", "ends_on", "target_cost", "fee_kind", "fee_amount", "gain_share", "pain_share",
                  "gain_cap", "pain_cap", "kra_bonus_pool", "kra_sanction_pool", "missing_kra", "downside_beyond_fee"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}), "ends_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        # The target cost is the one agreed in the development phase (services check it).
        agreed = getattr(getattr(contract, "development_phase", None), "target_cost", None)
        self.fields["target_cost"].required = False
        self.fields["target_cost"].initial = agreed
        self.fields["target_cost"].help_text = _("The target cost agreed in the development phase; leave it as it is.")
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
    """The category is one of those the contract's parties agreed in advance."""

    category = forms.ChoiceField(label=_("category"), choices=(),
                                 help_text=_("One of the cost categories agreed in advance for the alliance."))

    class Meta:
        model = CostLine
        fields = ["amount", "category", "evidence"]

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        names = list(contract.cost_categories.values_list("name", flat=True))
        self.fields["category"].choices = [("", "---------")] + [(name, name) for name in names]


class LeadershipDecisionForm(DecisionForm):
    """A decision of the alliance leadership group: the contract's decision with its accountable
    official, the matter, every party's position and, for cost categories, the agreed list."""

    matter = forms.ChoiceField(label=_("matter"), choices=Matter.choices,
                               help_text=_("Target cost, fee, KRAs and cost categories need every party's agreement."))
    categories = forms.CharField(
        label=_("agreed cost categories"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for a decision on cost categories: one per line. They replace none of the earlier ones."))

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, contract=contract, **kwargs)
        self.parties = list(contract.parties.order_by("role", "name"))
        for party in self.parties:
            self.fields[f"{POSITION_PREFIX}{party.pk}"] = forms.ChoiceField(
                label=_("%(party)s: position") % {"party": party.name}, choices=PartyStance.choices,
                widget=forms.RadioSelect, required=False)
            self.fields[f"{REPRESENTATIVE_PREFIX}{party.pk}"] = forms.CharField(
                label=_("%(party)s: representative") % {"party": party.name}, max_length=200, required=False)
            self.fields[f"{VIEW_PREFIX}{party.pk}"] = forms.CharField(
                label=_("%(party)s: view in their own words") % {"party": party.name}, max_length=3000,
                required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        data["positions"] = {
            party: {"stance": data.pop(f"{POSITION_PREFIX}{party.pk}", "") or "",
                    "representative": data.pop(f"{REPRESENTATIVE_PREFIX}{party.pk}", "") or "",
                    "view": data.pop(f"{VIEW_PREFIX}{party.pk}", "") or ""}
            for party in self.parties
        }
        return data


class AuditorForm(forms.Form):
    user = forms.ModelChoiceField(label=_("auditor"), queryset=User.objects.none(),
                                  help_text=_("The auditor reads the cost evidence and reports on each period."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("last_name", "first_name")


class AuditReportForm(forms.ModelForm):
    class Meta:
        model = AuditReport
        fields = ["opinion", "findings", "audited_cost"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 5})}


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
