from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coprocure.tendering.models.documents import DocumentKind

from .models import DialogueClosure, Milestone, NegotiationMeeting, UserRepresentative


class MeetingForm(forms.ModelForm):
    organisation = forms.IntegerField(label=_("candidate"))

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:  # the page offers the candidates still in the procedure
            self.fields["organisation"] = forms.TypedChoiceField(
                label=_("candidate"), coerce=int, choices=[(c.pk, c.name) for c in candidates])

    class Meta:
        model = NegotiationMeeting
        fields = ["starts_at", "place", "online", "participants"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class MinutesForm(forms.ModelForm):
    class Meta:
        model = NegotiationMeeting
        fields = ["minutes", "confidential_minutes"]


class ResponseForm(forms.Form):
    confirm = forms.BooleanField(label=_("We confirm the minutes"), required=False)
    comment = forms.CharField(label=_("Our comment on the minutes"), max_length=5000, required=False,
                              widget=forms.Textarea)


class RepresentativeForm(forms.ModelForm):
    person = forms.ModelChoiceField(label=_("person"), queryset=get_user_model().objects.filter(is_active=True))

    class Meta:
        model = UserRepresentative
        fields = ["commitment_signed_on", "commitment_version"]
        widgets = {"commitment_signed_on": forms.DateInput(attrs={"type": "date"})}


class InformationForm(forms.Form):
    text = forms.CharField(label=_("Information to every candidate"), max_length=10000, widget=forms.Textarea)


class TenderChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("document"), choices=DocumentKind.choices)


class SolutionForm(forms.Form):
    text = forms.CharField(label=_("proposed solution"), max_length=20000, widget=forms.Textarea)


class ClosureForm(forms.ModelForm):
    class Meta:
        model = DialogueClosure
        fields = ["closed_on", "reasons", "solutions_identified"]
        widgets = {"closed_on": forms.DateInput(attrs={"type": "date"})}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "to_show", "due_at", "price_share"]
        widgets = {"due_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class ResultForm(forms.Form):
    text = forms.CharField(label=_("result"), max_length=20000, widget=forms.Textarea)


class MilestoneDecisionForm(forms.Form):
    organisation = forms.IntegerField(label=_("partner"))
    accepted = forms.TypedChoiceField(label=_("decision"), coerce=lambda v: v == "True",
                                      choices=[("True", _("accepted")), ("False", _("not accepted"))],
                                      widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("reasons"), max_length=5000, widget=forms.Textarea)

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:  # the page offers the partners still in the partnership
            self.fields["organisation"] = forms.TypedChoiceField(
                label=_("partner"), coerce=int, choices=[(p.pk, p.name) for p in partners])


class PartnershipEndForm(MilestoneDecisionForm):
    accepted = None
