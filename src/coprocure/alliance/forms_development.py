"""Input checks of the development phase, shared by the web UI and the API."""

from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from coprocure.contracts.models import DataSource, Direction, Frequency, Unit
from coprocure.core.fields import localised

from .models import PartyStance

NOTE = forms.CharField(label=_("what changes and why"), max_length=1000, required=False,
                       widget=forms.Textarea(attrs={"rows": 2}),
                       help_text=_("Every party reads this with the draft."))
KRA_PREFIX = "kra_"
MAX_KRAS = 8


class TargetCostDraftForm(forms.Form):
    target_cost = forms.DecimalField(label=_("target cost per settlement period (EUR)"), max_digits=14,
                                     decimal_places=2, validators=[MinValueValidator(0)])
    note = NOTE


class OperatingModelDraftForm(forms.Form):
    text = forms.CharField(label=_("operating model"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("How the alliance runs the service together: who does what, how clients "
                                       "are met and how the parties decide."))
    note = NOTE


def _decimal(label):
    return forms.DecimalField(label=label, max_digits=14, decimal_places=4, required=False)


# One KRA's fields, each with its label and whether a filled row must have it.
KRA_FIELDS = {
    "name": (lambda: forms.CharField(label=_("key result area"), max_length=200, required=False), True),
    "indicator": (lambda: forms.CharField(label=_("indicator"), max_length=200, required=False), True),
    "code": (lambda: forms.SlugField(label=_("short code"), max_length=40, required=False,
                                     help_text=_("Used in report files, for example asumisen-pysyvyys.")), True),
    "weight": (lambda: forms.DecimalField(label=_("weight"), max_digits=5, decimal_places=4, required=False,
                                          help_text=_("Between 0 and 1; the weights add up to 1.")), True),
    "unit": (lambda: forms.ChoiceField(label=_("unit"), choices=[("", "---------")] + Unit.choices,
                                       required=False), True),
    "direction": (lambda: forms.ChoiceField(label=_("direction"), choices=[("", "---------")] + Direction.choices,
                                            required=False), True),
    "baseline": (lambda: _decimal(_("baseline")), False),
    "minimum": (lambda: _decimal(_("minimum level")), True),
    "target": (lambda: _decimal(_("target level")), True),
    "excellent": (lambda: _decimal(_("excellent level")), True),
    "frequency": (lambda: forms.ChoiceField(label=_("how often measured"),
                                            choices=[("", "---------")] + Frequency.choices, required=False), True),
    "data_source": (lambda: forms.ChoiceField(label=_("data source"), choices=[("", "---------")] + DataSource.choices,
                                              required=False), True),
}


def kra_field(row: int, name: str) -> str:
    return f"{KRA_PREFIX}{row}_{name}"


class KrasDraftForm(forms.Form):
    """The KRAs with their indicator's levels, one row each; empty rows are left out. The rows
    start from the newest draft, so a party changes what it wants and keeps the rest."""

    note = NOTE

    def __init__(self, *args, rows: int | None = None, start: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        start = start or []
        self.rows = min(MAX_KRAS, rows if rows is not None else max(len(start) + 1, 3))
        note = self.fields.pop("note")
        for row in range(self.rows):
            for name, (make, _required) in KRA_FIELDS.items():
                field = make()
                field.label = _("KRA %(number)s: %(field)s") % {"number": row + 1, "field": field.label}
                self.fields[kra_field(row, name)] = field
                if row < len(start) and start[row].get(name) is not None:
                    value = start[row][name]
                    field.initial = localised(value) if isinstance(value, dict) else value
        self.fields["note"] = note

    def clean(self):
        data = super().clean()
        kras = []
        for row in range(self.rows):
            given = {name: data.pop(kra_field(row, name), None) for name in KRA_FIELDS}
            if all(value in (None, "") for value in given.values()):
                continue
            for name, (_make, required) in KRA_FIELDS.items():
                if required and given[name] in (None, ""):
                    self.add_error(kra_field(row, name), forms.Field.default_error_messages["required"])
            kras.append(given)
        data["kras"] = kras
        return data


class PositionForm(forms.Form):
    stance = forms.ChoiceField(label=_("Your party's position"), choices=PartyStance.choices, widget=forms.RadioSelect)
    view = forms.CharField(label=_("view in their own words"), max_length=3000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
