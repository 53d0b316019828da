from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import OrganisationKind, TargetGroup

from .models import ServiceClass
from .selectors import ServiceFilters


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    service_class = forms.ChoiceField(label=_("Service class"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    area = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    language = forms.ChoiceField(
        label=_("Language of service"), required=False,
        choices=[("", _("Any language")), ("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))],
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    capacity_available = forms.BooleanField(label=_("Only services with places available now"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_class"].choices = [("", _("All service classes")), *ServiceClass.choices]
        self.fields["target_group"].choices = [("", _("All target groups"))] + [
            (group.code, str(group)) for group in TargetGroup.objects.all()
        ]
        self.fields["kind"].choices = [("", _("All kinds"))] + [
            choice for choice in OrganisationKind.choices if choice[0] != OrganisationKind.AUTHORITY
        ]

    def filters(self) -> ServiceFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ServiceFilters(**{name: data.get(name) or ServiceFilters.__dataclass_fields__[name].default
                                 for name in ServiceFilters.__dataclass_fields__})
