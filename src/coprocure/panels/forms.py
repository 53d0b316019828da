"""Input validation for panels, shared by the pages and the API."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import TargetGroup
from coprocure.participation.models import AgeBand

from .models import Gender, Language, Panel, SeatRole

NOT_SAYING = ("", _("I do not want to say"))


class PanelForm(forms.ModelForm):
    areas = forms.CharField(
        label=_("areas"), required=False, max_length=1000,
        help_text=_("The areas volunteers choose from, one per line, for example the parts of the municipality."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Panel
        fields = ["kind", "title", "purpose", "seats", "term_starts", "term_ends", "areas", "meetings", "achievements"]
        widgets = {"term_starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "term_ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meetings"].queryset = procurement.activities.all()
        self.fields["meetings"].widget = forms.CheckboxSelectMultiple(choices=self.fields["meetings"].choices)
        self.fields["meetings"].help_text = _("The panel's meetings are the procurement's activities.")
        if self.instance.pk and not self.is_bound:
            self.initial["areas"] = "\n".join(self.instance.areas)

    def clean_areas(self):
        value = self.cleaned_data.get("areas") or ""
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value)
        return [line.strip()[:100] for line in value.splitlines() if line.strip()]


class QuotasForm(forms.Form):
    """Quotas as JSON ``{"age_band": {"18_29": [2, 3], …}, …}``; the page fills it from a table."""

    quotas = forms.CharField(label=_("quotas"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000,
                             help_text=_("For each category and value, the smallest and largest number of members."))
    reason = forms.CharField(label=_("reason for the quotas"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_quotas(self):
        value = self.cleaned_data["quotas"]
        try:
            quotas = json.loads(value) if isinstance(value, str) else value
            return {str(category): {str(v): (int(q[0]), int(q[1])) for v, q in values.items()}
                    for category, values in quotas.items()}
        except (ValueError, TypeError, AttributeError, IndexError, KeyError):
            raise forms.ValidationError(_("Write the quotas as in the example."), code="quotas_format") from None


class VolunteerForm(forms.Form):
    """The open call's form: who, how to reach them, consent, and only the background the
    selection needs, each of which may be left unsaid."""

    name = forms.CharField(label=_("Your name or a pseudonym"), max_length=120,
                           widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    contact = forms.CharField(label=_("Phone number or e-mail address"), max_length=200,
                              help_text=_("We contact you only about this panel: whether you were drawn, and its meetings."),
                              widget=forms.TextInput())
    target_group = forms.ChoiceField(label=_("Which group describes you best?"), required=False, widget=forms.RadioSelect)
    age_band = forms.ChoiceField(label=_("Your age"), required=False, widget=forms.RadioSelect,
                                 choices=[NOT_SAYING, *AgeBand.choices])
    area = forms.ChoiceField(label=_("Where do you live?"), required=False, widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Your language"), required=False, widget=forms.RadioSelect,
                                 choices=[NOT_SAYING, *Language.choices])
    gender = forms.ChoiceField(label=_("Your gender (only if you want to say)"), required=False,
                               widget=forms.RadioSelect, choices=[NOT_SAYING, *Gender.choices])
    consent = forms.BooleanField(
        label=_("I agree that my answers are kept for choosing the panel by lot and deleted when its term ends."),
        error_messages={"required": _("The draw needs your consent: without it we cannot keep your answers.")},
    )

    def __init__(self, *args, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].choices = [NOT_SAYING, *((g.code, str(g)) for g in TargetGroup.objects.all())]
        self.fields["area"].choices = [NOT_SAYING, *((area, area) for area in panel.areas)]
        for name in ("target_group", "age_band", "area", "language", "gender"):
            if name not in panel.quotas:
                # Only the background the selection needs is asked.
                del self.fields[name]


class SeatForm(forms.Form):
    username = forms.CharField(label=_("username"), max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=[(SeatRole.DEPUTY, SeatRole.DEPUTY.label),
                                                        (SeatRole.SUPPORT, SeatRole.SUPPORT.label)])


class EndSeatForm(forms.Form):
    reason = forms.CharField(label=_("why the seat ended"), max_length=300)


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("verification file"))
