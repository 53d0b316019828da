from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation, OrganisationKind, TargetGroup

from coprocure.participation.forms import LANGUAGE_CHOICES

from .models import ActionPoint, ExpressionOfInterest, JointOffer, Network, NetworkMember, PartnershipTable, ProviderProfile, Service, ServiceClass
from .selectors import ServiceFilters
from .services import ORGANISATION_FIELDS


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


class LinesField(forms.CharField):
    """A list of short values written one per line (municipalities, for example)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > 100 or any(len(item) > 100 for item in value):
            raise forms.ValidationError(_("Write at most 100 lines of at most 100 characters."), code="too_many_lines")


class ProfileForm(forms.ModelForm):
    areas_served = LinesField(label=_("areas served"), help_text=_("Municipalities, one per line."))
    languages = forms.MultipleChoiceField(label=_("languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple)
    # Not a field of the profile: the model's own check does not run, so the form runs it.
    postcode = Organisation._meta.get_field("postcode").formfield(validators=Organisation._meta.get_field("postcode").validators)
    nuts_region = Organisation._meta.get_field("nuts_region").formfield()

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ORGANISATION_FIELDS:
            self.fields[name].initial = getattr(organisation, name, "")

    def clean(self):
        cleaned = super().clean()
        for name in ORGANISATION_FIELDS:
            if name not in self.data:  # left out of an API request: unchanged
                cleaned.pop(name, None)
        return cleaned

    class Meta:
        model = ProviderProfile
        fields = ["description", "values", "areas_served", "languages", "quality_certifications", "ownership",
                  "profits_to_public_benefit"]


class ServiceForm(forms.ModelForm):
    target_groups = forms.ModelMultipleChoiceField(
        TargetGroup.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple, label=_("target groups"),
    )
    areas = LinesField(label=_("areas"), help_text=_("Municipalities, one per line."))
    languages = forms.MultipleChoiceField(label=_("languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple)
    location_address = forms.CharField(label=_("Address where the service is given"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone number for the service"), required=False, max_length=40)
    web_address = forms.URLField(label=_("Web address for the service"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = ["name", "summary", "description", "service_class", "target_groups", "areas", "languages",
                  "capacity", "capacity_available", "price_basis", "outcome_measurement", "evidence", "accessibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for channel in self.instance.channels.all():
                field = {"ServiceLocation": "location_address", "Phone": "phone", "EChannel": "web_address"}[channel.kind]
                self.initial.setdefault(field, channel.address or channel.phone or channel.url)

    def clean(self):
        data = super().clean()
        capacity, available = data.get("capacity"), data.get("capacity_available")
        if capacity is not None and available is not None and available > capacity:
            self.add_error("capacity_available", forms.ValidationError(
                _("There cannot be more places available than the capacity."), code="over_capacity"))
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def channels(self) -> list[dict]:
        """The service channels the three contact fields describe, in the PTV channel kinds."""
        data = self.cleaned_data
        result = []
        if data.get("location_address"):
            result.append({"kind": "ServiceLocation", "name": _channel_name("place"), "address": data["location_address"]})
        if data.get("phone"):
            result.append({"kind": "Phone", "name": _channel_name("phone"), "phone": data["phone"]})
        if data.get("web_address"):
            result.append({"kind": "EChannel", "name": _channel_name("online"), "url": data["web_address"]})
        return result


CHANNEL_NAMES = {
    "place": {"fi": "Toimipiste", "sv": "Verksamhetsställe", "en": "Office"},
    "phone": {"fi": "Puhelin", "sv": "Telefon", "en": "Phone"},
    "online": {"fi": "Verkossa", "sv": "På nätet", "en": "Online"},
}


def _channel_name(kind: str) -> dict:
    return {language: {"text": text, "origin": "human"} for language, text in CHANNEL_NAMES[kind].items()}


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "theme", "description"]


class MemberForm(forms.Form):
    business_id = forms.CharField(label=_("Business ID of the organisation to add"), max_length=20)


class CompetenceForm(forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["competences"]


class OfferForm(forms.ModelForm):
    services = forms.ModelMultipleChoiceField(
        Service.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("members' services in the offer"),
    )

    class Meta:
        model = JointOffer
        fields = ["title", "description", "services"]

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = (
            Service.objects.filter(provider__network_memberships__network=network).select_related("provider")
        )


class TableForm(forms.ModelForm):
    class Meta:
        model = PartnershipTable
        fields = ["agenda", "minutes"]


class InviteForm(forms.Form):
    business_id = forms.CharField(label=_("Business ID of the organisation to invite"), max_length=20)


class ActionPointForm(forms.ModelForm):
    class Meta:
        model = ActionPoint
        fields = ["what", "who", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ActionPointDoneForm(forms.Form):
    done = forms.BooleanField(label=_("done"), required=False)


class InterestForm(forms.ModelForm):
    class Meta:
        model = ExpressionOfInterest
        fields = ["can_provide", "looking_for"]


class PartnerInviteForm(forms.Form):
    business_id = forms.CharField(label=_("Business ID of the organisation to invite"), max_length=20)
    role = forms.CharField(label=_("Role in the consortium"), max_length=200,
                           help_text=_("For example: evening and weekend home visits."))


class OrganisationListForm(forms.Form):
    file = forms.FileField(
        label=_("organisation list (CSV or XLSX)"),
        help_text=_("Columns: nimi (name), tyyppi (kind: yritys, yhdistys, säätiö, yhteiskunnallinen yritys or "
                    "käyttäjäjärjestö), y-tunnus (business ID) and, if you like, kotikunta (municipality). "
                    "A CSV file saved by Excel works as it is."),
    )
