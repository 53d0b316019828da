"""Input forms for tendering, shared by the web UI and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation, OrganisationKind, User
from coprocure.domain.complaints import COMPLAINT_DAYS
from coprocure.participation.models import Insight

from .models import (
    AwardDecision, Complaint, ComplaintOutcome, DocumentSection, Lot, Objective, QualityCriterion, Tender,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MEMBER_SLOTS = 3


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["statement", "plain_summary", "insights", "agreed_how", "agreed_on"]
        widgets = {"insights": forms.CheckboxSelectMultiple, "agreed_on": DATE}

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insights"].queryset = Insight.objects.filter(procurement=procurement)


class TenderForm(forms.ModelForm):
    class Meta:
        model = Tender
        fields = ["service_description", "deadline", "consortia_allowed", "quality_method", "tie_rule", "price_weight",
                  "complaint_days"]
        widgets = {"deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complaint_days"].required = False

    def clean_complaint_days(self):
        days = self.cleaned_data.get("complaint_days")
        return COMPLAINT_DAYS if days is None else days


class CriterionForm(forms.ModelForm):
    levels_text = forms.CharField(
        label=_("described levels"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One level per line: the score, a colon and what it means, for example “5: Peer support every day”."),
    )

    class Meta:
        model = QualityCriterion
        fields = ["name", "description", "weight", "scale_max", "objectives"]
        widgets = {"objectives": forms.CheckboxSelectMultiple}

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = Objective.objects.filter(procurement=procurement)

    def clean(self):
        data = super().clean()
        levels = {}
        for line in (data.pop("levels_text", "") or "").splitlines():
            if not line.strip():
                continue
            score, separator, meaning = line.partition(":")
            if not separator or not score.strip().isdigit() or not meaning.strip():
                self.add_error("levels_text", forms.ValidationError(
                    _("Write each level as a score, a colon and its meaning."), code="levels_format"))
                break
            levels[score.strip()] = meaning.strip()
        scale_max = data.get("scale_max")
        if scale_max and any(int(score) > scale_max for score in levels):
            self.add_error("levels_text", forms.ValidationError(_("A level is above the top of the scale."), code="levels_above_scale"))
        data["levels"] = levels
        return data


class LotForm(forms.ModelForm):
    class Meta:
        model = Lot
        fields = ["title", "description", "estimated_value"]


class ClarificationForm(forms.Form):
    question = forms.CharField(label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Questions and answers are shown to everyone on the tender page."))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


def _providers():
    return Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY).order_by("name")


class BidForm(forms.Form):
    """Price, one answer per quality criterion and the consortium members. The page has a few
    member rows; the API sends ``members`` as a list, which ``members()`` turns into the same."""

    price = forms.DecimalField(label=_("Price (EUR, VAT 0 %)"), max_digits=14, decimal_places=2)

    def __init__(self, *args, tender: Tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.tender = tender
        self.criteria = list(tender.criteria.all())
        lots = tender.lots.all()
        if lots:
            # One bid per lot: a bidder who wants several lots sends this form once for each.
            # The service says when the lot is missing, for the page and the API alike.
            self.fields["lot"] = forms.ModelChoiceField(
                label=_("Lot"), queryset=lots, empty_label=None, widget=forms.RadioSelect, required=False,
                help_text=_("Send a separate bid for each lot you want to bid for."),
            )
        for criterion in self.criteria:
            self.fields[criterion.key] = forms.CharField(
                label=str(criterion), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 5}),
            )
        if tender.consortia_allowed:
            for slot in range(1, MEMBER_SLOTS + 1):
                self.fields[f"member_{slot}"] = forms.ModelChoiceField(
                    label=_("Consortium member %(number)s") % {"number": slot}, queryset=_providers(), required=False,
                )
                self.fields[f"member_{slot}_role"] = forms.CharField(
                    label=_("Role of member %(number)s") % {"number": slot}, max_length=200, required=False,
                )

    @staticmethod
    def initial_members(members: list) -> dict:
        """Pre-fill the member rows from a consortium formed beforehand: [(Organisation, role)]."""
        initial = {}
        for slot, (organisation, role) in enumerate(members[:MEMBER_SLOTS], start=1):
            initial[f"member_{slot}"], initial[f"member_{slot}_role"] = organisation.pk, role
        return initial

    def members(self) -> list:
        data = self.cleaned_data
        return [
            (data[f"member_{slot}"], data.get(f"member_{slot}_role") or "")
            for slot in range(1, MEMBER_SLOTS + 1) if data.get(f"member_{slot}")
        ]

    def bid_data(self) -> dict:
        return {"price": self.cleaned_data["price"], "members": self.members(), "lot": self.cleaned_data.get("lot"),
                "answers": {c.key: self.cleaned_data.get(c.key) or "" for c in self.criteria}}


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with any bidder?"), coerce=lambda value: value == "yes",
        choices=[("no", _("No: I have no ties to any bidder that could affect my scoring")),
                 ("yes", _("Yes: I have a tie to a bidder (I will not score)"))],
        widget=forms.RadioSelect,
    )


class ScoreForm(forms.Form):
    score = forms.DecimalField(label=_("Score"), max_digits=6, decimal_places=2)
    justification = forms.CharField(label=_("Justification"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class SettleForm(forms.Form):
    consensus = forms.DecimalField(
        label=_("Consensus score"), max_digits=6, decimal_places=2, required=False,
        help_text=_("Leave empty to use the mean of the evaluators' scores."),
    )
    reason = forms.CharField(label=_("Reason for the consensus score"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ExcludeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for exclusion"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    requirement = forms.TypedChoiceField(
        label=_("Failed minimum requirement"), required=False, coerce=int, empty_value=None,
        help_text=_("If the bid fails a published minimum requirement, choose it."),
    )

    def __init__(self, *args, requirements: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].choices = [("", "–"), *[(number, label) for number, label in requirements]]


class SectionForm(forms.ModelForm):
    class Meta:
        model = DocumentSection
        fields = ["heading", "text"]


class SectionCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Comments are shown publicly with the document. Do not write anyone's personal or health details."),
    )


class AwardForm(forms.ModelForm):
    class Meta:
        model = AwardDecision
        fields = ["accountable_official", "reasons", "decided_on", "sent_on", "channel", "standstill_ends_on"]
        widgets = {"decided_on": DATE, "sent_on": DATE, "standstill_ends_on": DATE, "channel": forms.RadioSelect}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accountable_official"].queryset = User.objects.filter(
            organisation=authority, is_active=True).order_by("last_name", "first_name")
        self.fields["sent_on"].required = False
        self.fields["sent_on"].help_text = _("Leave empty when it is sent on the day of the decision.")
        self.fields["channel"].help_text = _(
            "A decision sent by letter is deemed received on the seventh day after it was sent; the time for "
            "complaints and the standstill run from that day.")
        self.fields["standstill_ends_on"].required = False
        self.fields["standstill_ends_on"].help_text = _(
            "Leave empty for 14 days from the deemed receipt, moved to the next working day when needed.")


class ComplaintForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["kind", "grounds"]
        widgets = {"kind": forms.RadioSelect, "grounds": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"grounds": _("Say what is wrong in the decision and why. Your organisation's name is not shown publicly.")}


class ComplaintAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Answer"), widget=forms.RadioSelect,
        choices=[(ComplaintOutcome.UPHELD, ComplaintOutcome.UPHELD.label),
                 (ComplaintOutcome.REJECTED, ComplaintOutcome.REJECTED.label)],
    )
    answer = forms.CharField(label=_("Reasons for the answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


class AppealForm(forms.Form):
    """The authority's record of an appeal to the Market Court: it never refuses one as late."""

    appellant = forms.ModelChoiceField(label=_("Appellant"), queryset=Organisation.objects.none())
    filed_on = forms.DateField(label=_("Filed with the Market Court on"), widget=DATE)
    grounds = forms.CharField(label=_("Summary of the appeal"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    enforcement_banned = forms.BooleanField(
        label=_("The Market Court has banned enforcement of the decision (täytäntöönpanokielto)"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appellant"].queryset = Organisation.objects.filter(pk__in=organisations).order_by("name")


class CourtDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("The Market Court's decision"), widget=forms.RadioSelect, choices=[
        (ComplaintOutcome.PENDING, _("Not decided yet")),
        (ComplaintOutcome.UPHELD, _("The appeal was upheld")),
        (ComplaintOutcome.REJECTED, _("The appeal was rejected")),
        (ComplaintOutcome.DISMISSED, _("The appeal was dismissed without examination")),
    ])
    court_decided_on = forms.DateField(label=_("Date of the Market Court's decision"), widget=DATE, required=False)
    answer = forms.CharField(label=_("Summary of the court's decision"), max_length=5000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))
    enforcement_banned = forms.BooleanField(
        label=_("Enforcement of the award decision is banned while the appeal is pending"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
