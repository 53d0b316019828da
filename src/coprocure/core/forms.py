"""Input forms. They are the one place that validates the shape of input for both the web UI
and the API (the API feeds its JSON through them), so both report the same field messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.domain import lifecycle

from .models import AccessibilityFeedback, Organisation, Phase, Procurement, ProcurementRole, TargetGroup, User


class ProcurementForm(forms.ModelForm):
    target_groups = forms.ModelMultipleChoiceField(
        TargetGroup.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple, label=_("target groups"),
    )

    class Meta:
        model = Procurement
        fields = [
            "title", "summary", "plain_summary", "service_area", "procedure", "intended_contract_kind", "target_groups",
            "estimated_value", "is_public", "accountable_official",
            "partnership_4p", "co_production", "outcome_based",
        ]

    def __init__(self, *args, authority: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone at the authority is listed; the accountability rule itself (officials only)
        # is the domain's, so choosing a staff member gives the domain's explanation.
        self.fields["accountable_official"].queryset = User.objects.filter(
            organisation=authority, is_active=True
        ).order_by("last_name", "first_name")


class PhaseChangeForm(forms.Form):
    target = forms.ChoiceField(label=_("New phase"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=lifecycle.MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when going back to an earlier phase. The reason is public."),
    )


class RoleForm(forms.Form):
    # A username rather than a list of everyone: the list of people is personal data.
    user = forms.ModelChoiceField(
        User.objects.filter(is_active=True), to_field_name="username", label=_("Username"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid_choice": _("No active person has this username.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=ProcurementRole.Role.choices)


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "business_id", "municipality", "postcode", "nuts_region", "website"]


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account is erased for good and I cannot sign in with it again."),
    )


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page", "contact"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "page": _("The address or name of the page, if the feedback is about one."),
            "contact": _("Only if you want an answer. It is used for nothing else."),
        }
