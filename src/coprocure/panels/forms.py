"""Input validation for panels, shared by the pages and the API."""

from __future__ import annotations

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
        fields = ["kind", "title", "purpose", "seats", "deputies", "term_starts", "term_ends", "areas", "meetings", "achievements"]
        widgets = {"term_starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "term_ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meetings"].queryset = meetings
        self.fields["meetings"].widget = forms.CheckboxSelectMultiple(choices=self.fields["meetings"].choices)
        self.fields["meetings"].help_text = _("The panel's meetings are the procurement's activities.")
        self.fields["deputies"].required = False
        self.fields["deputies"].help_text = _("Drawn from the reserve after the members, in the same proportions.")
        if self.instance.pk and not self.is_bound:
            self.initial["areas"] = "\n".join(self.instance.areas)

    def clean_deputies(self):
        return self.cleaned_data.get("deputies") or 0

    def clean_areas(self):
        value = self.cleaned_data.get("areas") or ""
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value)
        return [line.strip()[:100] for line in value.splitlines() if line.strip()]


class QuotasForm(forms.Form):
    """A row per category value with the smallest and largest number of members. A category
    whose rows are all left empty is not used; a row needs both numbers.

    ``rows``: [(category, category label, [(value, value label), …]), …]."""

    reason = forms.CharField(label=_("reason for the quotas"), required=False, max_length=500,
                             help_text=_("Needed when the quotas differ from the reference population. It is public."),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = []
        for category, category_label, values in rows:
            cells = []
            for number, (value, label) in enumerate(values):
                names = (f"{category}-{number}-min", f"{category}-{number}-max")
                for name, bound in zip(names, (_("at least"), _("at most")), strict=True):
                    self.fields[name] = forms.IntegerField(
                        label=f"{category_label}, {label}: {bound}", required=False, min_value=0, max_value=200,
                        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "narrow"}))
                cells.append((value, label, *names))
            self.table.append((category, category_label, cells))
        self.order_fields([*(name for *_rest, cells in self.table for _v, _l, *names in cells for name in names), "reason"])

    def clean(self):
        cleaned = super().clean()
        quotas = {}
        for category, _label, cells in self.table:
            for value, _value_label, low_name, high_name in cells:
                low, high = cleaned.get(low_name), cleaned.get(high_name)
                if low is None and high is None:
                    continue
                if low is None or high is None:
                    self.add_error(low_name if low is None else high_name,
                                   forms.ValidationError(_("Give both numbers, or leave the row empty."),
                                                         code="quota_incomplete"))
                elif high < low:
                    self.add_error(high_name, forms.ValidationError(_("The largest number cannot be below the smallest."),
                                                                    code="quota_invalid"))
                else:
                    quotas.setdefault(category, {})[value] = (low, high)
        cleaned["quotas"] = quotas
        return cleaned

    def bound_rows(self):
        """The table for the template: each category with its rows' bound fields."""
        return [(category, label, [(value_label, self[low], self[high]) for _v, value_label, low, high in cells])
                for category, label, cells in self.table]

    @staticmethod
    def initial_from(quotas: dict, rows) -> dict:
        initial = {}
        for category, _label, values in rows:
            for number, (value, _value_label) in enumerate(values):
                if value in quotas.get(category, {}):
                    low, high = quotas[category][value]
                    initial[f"{category}-{number}-min"], initial[f"{category}-{number}-max"] = low, high
        return initial


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
    """A support person by username; members and deputies are drawn (the service refuses them)."""

    username = forms.CharField(label=_("username"), max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=[(SeatRole.SUPPORT, SeatRole.SUPPORT.label)])


class EndSeatForm(forms.Form):
    reason = forms.CharField(label=_("why the seat ended"), max_length=300)


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("verification file"))
