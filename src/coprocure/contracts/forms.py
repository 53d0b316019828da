"""Input forms for the contract period, shared by the web UI and the API."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import User
from coprocure.participation.models import Question, QuestionKind

from coprocure.domain import backlog, idea_reference
from coprocure.domain.errors import DomainError

from .models import (
    Amendment, Contract, ContractDocument, Decision, DevelopmentProposal, Indicator, InvitationChannel, Kra, Meeting,
    Party, Position, ProposerKind, SteeringMember,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = ["kind", "title", "description", "starts_on", "ends_on", "options"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", forms.ValidationError(_("The end must be after the start."), code="ends_before_start"))
        return data


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["role", "organisation", "name", "consortium_role"]
        help_texts = {"name": _("For a consortium member without an account here, write its name.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("name") and data.get("organisation"):
            data["name"] = data["organisation"].name
        if not data.get("name"):
            self.add_error("name", forms.ValidationError(_("Choose an organisation or write the party's name."), code="required"))
        return data


class DocumentForm(forms.ModelForm):
    url = forms.URLField(label=_("address (URL)"), max_length=200, assume_scheme="https")

    class Meta:
        model = ContractDocument
        fields = ["title", "url"]


class MemberForm(forms.ModelForm):
    class Meta:
        model = SteeringMember
        fields = ["name", "role", "organisation", "user", "term_starts", "term_ends", "deputy_for"]
        widgets = {"term_starts": DATE, "term_ends": DATE}

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy_for"].queryset = contract.steering_members.filter(deputy_for__isnull=True)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("last_name", "first_name")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("term_starts"), data.get("term_ends")
        if starts and ends and ends < starts:
            self.add_error("term_ends", forms.ValidationError(_("The end must be after the start."), code="ends_before_start"))
        return data


class MaterialsField(forms.CharField):
    """One material per line as "title | address"; stored as a list of {title, url}."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{item['title']} | {item['url']}" for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        materials = []
        validate = forms.URLField(assume_scheme="https")
        for line in (value or "").splitlines():
            if not line.strip():
                continue
            title, separator, url = line.rpartition("|")
            if not separator or not title.strip():
                raise forms.ValidationError(_("Write each material on its own line as: title | address"), code="material_format")
            materials.append({"title": title.strip(), "url": validate.clean(url.strip())})
        return materials


class MeetingForm(forms.ModelForm):
    materials = MaterialsField(
        label=_("materials"), required=False,
        help_text=_("One per line as: title | address. Prefer plain-language, large-print or audio versions."),
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "place", "agenda", "materials"]
        widgets = {"starts_at": DATETIME}


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.instance.contract.steering_members.all()
        # A meeting may have no minutes yet, but recording them means writing them.
        self.fields["minutes"].required = self.fields["minutes"].source_required = True


class CompensationForm(forms.Form):
    member = forms.ModelChoiceField(label=_("member"), queryset=SteeringMember.objects.none())
    hours = forms.DecimalField(label=_("hours"), min_value=0, max_digits=5, decimal_places=2)
    fee = forms.DecimalField(label=_("fee (EUR)"), min_value=0, max_digits=9, decimal_places=2)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = meeting.contract.steering_members.all()


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["title", "decided", "reasoning", "proposed_by", "proposer_role", "client_view", "meeting",
                  "accountable_official", "decided_on", "is_confidential", "confidentiality_reason"]
        widgets = {"decided_on": DATE}
        help_texts = {
            "accountable_official": _("Only an official (viranhaltija) of the contracting authority can be accountable. "
                                      "Client representatives, providers and other members advise; they are never accountable."),
        }

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = contract.meetings.all()
        # Everyone who might plausibly be named is listed, so that refusing the wrong person
        # happens with an explanation rather than by their silent absence from the list.
        self.fields["accountable_official"].queryset = User.objects.filter(
            Q(organisation=contract.procurement.authority) | Q(steering_memberships__contract=contract)
            | Q(procurement_roles__procurement=contract.procurement),
            is_active=True,
        ).distinct().order_by("last_name", "first_name")


class PositionForm(forms.Form):
    member = forms.ModelChoiceField(label=_("member"), queryset=SteeringMember.objects.none())
    position = forms.ChoiceField(label=_("position on the decision"), choices=Position.choices, widget=forms.RadioSelect)
    view = forms.CharField(
        label=_("view in their own words"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write it as the member said it. Required when the member dissents. Client representatives' views "
                    "are shown on the public decision page under their own names."),
    )

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = decision.contract.steering_members.all()


class SurveyLinkForm(forms.Form):
    question = forms.ModelChoiceField(
        label=_("question (scale 1–5)"), queryset=Question.objects.none(),
        help_text=_("A question of one of the procurement's surveys, answered on the scale from 1 to 5."),
    )
    period_start = forms.DateField(label=_("first period"), widget=DATE,
                                   help_text=_("Any day of the period whose answers this survey collects."))

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = Question.objects.filter(
            kind=QuestionKind.LIKERT, survey__activity__procurement=indicator.kra.contract.procurement_id,
        ).select_related("survey").order_by("-survey__created_at", "ordering")
        self.fields["question"].label_from_instance = lambda question: f"{question.survey}: {question}"


class SurveyMeasureForm(forms.Form):
    period_start = forms.DateField(label=_("period starts"), widget=DATE)


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = Amendment
        fields = ["summary", "reason", "decision", "new_ends_on"]
        widgets = {"new_ends_on": DATE}

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = contract.decisions.all()


class KraForm(forms.ModelForm):
    class Meta:
        model = Kra
        fields = ["name", "description", "weight"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "direction", "baseline", "minimum", "target", "excellent", "frequency",
                  "data_source", "reported_by"]
        help_texts = {
            "minimum": _("The level that counts as −1: the least acceptable result."),
            "target": _("The level that counts as 0: what the parties agreed to reach."),
            "excellent": _("The level that counts as +1. For a lower-is-better indicator, excellent is the smallest number."),
        }

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_by"].queryset = contract.parties.all()


class ProposalForm(forms.Form):
    """The public form: two questions, nothing else, so that it works on a small phone screen."""

    text = forms.CharField(
        label=_("What should be done differently or better?"), max_length=backlog.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not write names, phone numbers or personal identity codes. We remove them if you do."),
    )
    proposer_kind = forms.ChoiceField(label=_("Who are you?"), choices=ProposerKind.choices, widget=forms.RadioSelect)
    # Signed and issued with the form without a write; used up when the idea is stored, so a second
    # tap stores nothing.
    token = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)


class IdeaLookupForm(forms.Form):
    """Looking an idea up by the reference given on the thank-you page."""

    reference = forms.CharField(label=_("Reference of your idea"), max_length=40,
                                help_text=_("For example IDEA-2026-K3M9QX. Small letters and spaces are fine."))

    def clean_reference(self):
        try:
            return idea_reference.normalise(self.cleaned_data["reference"])
        except DomainError:
            raise forms.ValidationError(
                _("This is not an idea's reference. Check it for typing errors: it looks like IDEA-2026-K3M9QX."),
                code="idea_reference_invalid") from None


class ProposalDecisionForm(forms.ModelForm):
    class Meta:
        model = DevelopmentProposal
        fields = ["status", "owner", "kras", "outcome", "status_reason"]
        widgets = {"kras": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contract = self.instance.contract
        self.fields["kras"].queryset = contract.kras.all()
        self.fields["owner"].queryset = User.objects.filter(
            Q(organisation=contract.procurement.authority) | Q(procurement_roles__procurement=contract.procurement)
            | Q(organisation__contract_parties__contract=contract), is_active=True,
        ).distinct().order_by("last_name", "first_name")


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=Indicator.objects.none(), to_field_name="code")
    period = forms.CharField(label=_("period"), max_length=20,
                             help_text=_("For example 2025-03 for a month, 2025-Q1 for a quarter, 2025 for a year."))
    value = forms.CharField(label=_("value"), max_length=30, help_text=_("Decimals with a comma or a point: 85,5"))

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(kra__contract=contract)

    def table(self) -> list[list]:
        data = self.cleaned_data
        return [["indicator", "period", "value"], [data["indicator"].code, data["period"], data["value"]]]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("report file (CSV or XLSX)"),
        help_text=_("Columns: mittari (indicator code), jakso (period), arvo (value) and, if you like, yksikkö (unit). "
                    "A CSV file saved by Excel works as it is."),
    )


class IssueCodesForm(forms.Form):
    """Codes to print (a number of them), or codes the platform sends (one to each recipient)."""

    channel = forms.ChoiceField(label=_("how the codes reach the clients"), choices=InvitationChannel.choices)
    count = forms.IntegerField(label=_("number of codes to print"), min_value=1, max_value=500, required=False,
                               help_text=_("Leave empty when the platform sends the codes."))
    recipients = forms.CharField(
        label=_("or send the codes: one phone number or e-mail address a line"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("By text message or e-mail, as chosen above, at least five people at once. Each gets one code; "
                    "no one sees the codes, and once a message is sent nothing tells whose code it was."))

    def clean_recipients(self) -> list[str]:
        return self.cleaned_data["recipients"].splitlines()


class CodeAnswerForm(forms.Form):
    """The client's answer with the code the authority gave them."""

    code = forms.CharField(label=_("your invitation code"), max_length=20,
                           help_text=_("The code on your paper, text message or e-mail, for example ACD3F-GH7KM."))
    value = forms.TypedChoiceField(label=_("your answer (1 = very poorly, 5 = very well)"), coerce=int,
                                   choices=[(n, str(n)) for n in range(1, 6)], widget=forms.RadioSelect)


class ClearFlagForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("What you checked, and why the figure may be recorded. It is in the audit trail."))


# Records staff may correct or remove: kind → model, its form, and whether the form needs the contract.
CORRECTIONS = {
    "member": (SteeringMember, MemberForm, True),
    "meeting": (Meeting, MeetingForm, False),
    "kra": (Kra, KraForm, False),
    "indicator": (Indicator, IndicatorForm, True),
    "document": (ContractDocument, DocumentForm, False),
}
