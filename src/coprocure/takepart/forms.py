"""The front door's filters, shared by the page, the feeds and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import ServiceArea, TargetGroup

from . import selectors


class FiltersForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    authority = forms.TypedChoiceField(label=_("Wellbeing services county or municipality"), coerce=int,
                                       required=False, empty_value=None)
    service_area = forms.ChoiceField(label=_("Service area"), required=False)
    target_group = forms.ChoiceField(label=_("Who it is for"), required=False)
    kind = forms.ChoiceField(label=_("Way to take part"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [("", _("All areas"))] + [
            (str(organisation.pk), organisation.name) for organisation in selectors.authorities()]
        self.fields["service_area"].choices = [("", _("All service areas")), *ServiceArea.choices]
        self.fields["target_group"].choices = [("", _("Everyone"))] + [
            (group.code, str(group)) for group in TargetGroup.objects.all()]
        self.fields["kind"].choices = [("", _("All ways")), *selectors.KIND_LABELS]

    def filters(self) -> selectors.Filters:
        """The valid choices; a field with a wrong value narrows nothing (its error is shown)."""
        data = self.cleaned_data if self.is_valid() else {
            name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return to_filters(data)


def to_filters(data: dict) -> selectors.Filters:
    """Cleaned filter values as the selector's filters."""
    return selectors.Filters(
        q=data.get("q") or "", authority=data.get("authority"), service_area=data.get("service_area") or "",
        target_group=data.get("target_group") or "", kind=data.get("kind") or "",
    )
