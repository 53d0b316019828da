"""Input forms of the procedures app, shared by its pages and its API (api.forms feeds the JSON
through them), so both report the same field messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation
from coprocure.tendering.models import NotificationChannel
from coprocure.tendering.forms import CourtDecisionForm

from .models import CallForParticipation, ProcedurePlan, StageKind, SuitabilityRequirement

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
ID_MAX = 2**31 - 1
REASON_HELP = _("Needed once the procedure is published: the change becomes a new published version with this reason.")


class DefaultSequenceForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("The first stage opens"), widget=DATETIME)


class StageTimesForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("deadline"), widget=DATETIME)
    reduces_candidates = forms.BooleanField(label=_("candidates may be reduced at the end of this stage"),
                                            required=False)
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text=REASON_HELP)


class StageForm(StageTimesForm):
    kind = forms.ChoiceField(label=_("kind of stage"), choices=StageKind.choices)
    field_order = ["kind", "opens_at", "closes_at", "reduces_candidates", "reason"]


class RemoveStageForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text=REASON_HELP)


class PlanForm(forms.ModelForm):
    class Meta:
        model = ProcedurePlan
        fields = ["reduction_criteria", "award_on_initial_bids"]


class FinalInvitationForm(forms.Form):
    """No recipient field on purpose: the invitation goes to every candidate still in the procedure."""

    message = forms.CharField(label=_("message to the candidates"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Sent to every candidate still in the procedure and published on the "
                                          "procedure's page."))


class InitialBidsAwardForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Published with the decision: why the initial bids are awarded on "
                                         "without negotiating."))


class CallForm(forms.ModelForm):
    class Meta:
        model = CallForParticipation
        fields = ["min_candidates", "max_candidates", "consortia_allowed"]


class RequirementForm(forms.ModelForm):
    criterion = forms.BooleanField(label=_("This is a selection criterion (for choosing among suitable candidates)"),
                                   required=False)

    class Meta:
        model = SuitabilityRequirement
        fields = ["text"]


class RequestForm(forms.Form):
    """One answer per suitability requirement: how the organisation meets it."""

    members = forms.ModelMultipleChoiceField(
        Organisation.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Consortium members"),
        help_text=_("Only organisations whose representative accepted your consortium invitation are listed."))

    def __init__(self, *args, requirements=(), member_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Organisation.objects.filter(pk__in=list(member_choices)).order_by("name")
        self.requirements = list(requirements)
        for requirement in self.requirements:
            self.fields[f"evidence_{requirement.number}"] = forms.CharField(
                label=_("How you meet requirement %(number)s") % {"number": requirement.number},
                max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def cleaned_request(self) -> dict:
        return {"evidence": {str(r.number): self.cleaned_data[f"evidence_{r.number}"] for r in self.requirements},
                "members": [(organisation, "member") for organisation in self.cleaned_data["members"]]}


class CheckForm(forms.Form):
    # Bounded to the id column's range, so a huge number is a field error, not a database error.
    request = forms.IntegerField(label=_("request"), min_value=1, max_value=ID_MAX)
    requirement = forms.IntegerField(label=_("requirement"), min_value=1, max_value=ID_MAX)
    met = forms.BooleanField(label=_("requirement met"), required=False)
    reason = forms.CharField(label=_("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class SelectionForm(forms.Form):
    """For every request: selected or not, and why; and the decision's reasons."""

    reasons = forms.CharField(label=_("reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    channel = forms.ChoiceField(label=_("sent how"), choices=NotificationChannel.choices,
                                initial=NotificationChannel.ELECTRONIC)
    choose_label = _("Select %(name)s")

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = self.named(requests)
        for key, name in self.keys:
            self.fields[f"selected_{key}"] = forms.BooleanField(label=self.choose_label % {"name": name},
                                                                required=False)
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Reason for %(name)s") % {"name": name}, required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def named(requests) -> list[tuple[int, str]]:
        return [(r.pk, r.lead.name) for r in requests]

    def candidates(self) -> dict:
        return {key: (self.cleaned_data[f"selected_{key}"], self.cleaned_data[f"reason_{key}"])
                for key, _name in self.keys}


class ReductionForm(SelectionForm):
    """For every candidate still in the procedure (organisations): goes on or not, and why."""

    choose_label = _("%(name)s goes on to the next stage")

    @staticmethod
    def named(requests) -> list[tuple[int, str]]:
        return [(o.pk, o.name) for o in requests]


class RoundBidForm(forms.Form):
    price = forms.DecimalField(label=_("price in euros, the whole contract"), min_value=0, max_digits=15,
                               decimal_places=2)
    offer = forms.CharField(label=_("what your organisation offers"), max_length=20000,
                            widget=forms.Textarea(attrs={"rows": 8}))


class DecisionCourtForm(CourtDecisionForm):
    """The award's form for the Market Court's decision, about a selection or reduction decision."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enforcement_banned"].label = _("Enforcement of the decision is banned while the appeal is pending")
