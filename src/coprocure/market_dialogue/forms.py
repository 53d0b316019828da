from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.tendering.models import Objective

from .models import DialogueLearning, DialogueRegistration, DialogueSeats, DialogueSession, WrittenQuestion


class SeatsForm(forms.ModelForm):
    class Meta:
        model = DialogueSeats
        fields = ["provider_seats", "user_association_seats"]


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = DialogueRegistration
        fields = ["contact_name", "contact_email"]


class DecisionForm(forms.Form):
    confirm = forms.BooleanField(label=_("confirm the registration"), required=False)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = WrittenQuestion
        fields = ["text", "may_name_asker"]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), max_length=5000, widget=forms.Textarea)


class SessionForm(forms.ModelForm):
    class Meta:
        model = DialogueSession
        fields = ["starts_at", "place", "online", "agenda"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class MinutesForm(forms.ModelForm):
    class Meta:
        model = DialogueSession
        fields = ["minutes", "confidential_minutes"]


class LearningForm(forms.ModelForm):
    # Any id is accepted here; the service refuses another procurement's objective with a field error.
    objectives = forms.ModelMultipleChoiceField(queryset=Objective.objects.all(), required=False,
                                                label=_("objectives it changed"))

    class Meta:
        model = DialogueLearning
        fields = ["text", "objectives", "documents_changed"]
