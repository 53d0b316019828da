"""Input for the UI and the API alike: the experience-survey action and the self-assessment."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coprocure.domain import evaluation, translation

from .models import Round
from .services import SURVEY_PHASES

RATINGS = [
    ("", _("Not answered yet")),
    (evaluation.Rating.YES.value, _("Yes")),
    (evaluation.Rating.PARTLY.value, _("Partly")),
    (evaluation.Rating.NO.value, _("No")),
    (evaluation.Rating.NOT_APPLICABLE.value, _("Does not apply")),
]
GROUPS = {
    evaluation.CriterionGroup.PROMISING_PRACTICE: _("Promising-practice criteria"),
    evaluation.CriterionGroup.GOVERNANCE: _("The governance model's questions"),
}
NOTE_LENGTH = 1000


class ExperienceSurveyForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase the survey asks about"),
                              choices=[(phase.value, phase.label) for phase in SURVEY_PHASES])
    round = forms.ChoiceField(label=_("When it is answered"), choices=Round.choices, widget=forms.RadioSelect)


def criterion_text(criterion: evaluation.Criterion) -> str:
    return criterion.text.get(get_language() or translation.SOURCE_LANGUAGE, criterion.text[translation.SOURCE_LANGUAGE])


class SelfAssessmentForm(forms.Form):
    """One rating and one note per criterion, grouped as the report shows them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in evaluation.SELF_ASSESSMENT:
            self.fields[criterion.code] = forms.ChoiceField(
                label=criterion_text(criterion), choices=RATINGS, required=False, widget=forms.RadioSelect,
            )
            self.fields[f"{criterion.code}_note"] = forms.CharField(
                label=_("What shows it, or what is still missing"), max_length=NOTE_LENGTH, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self) -> list[tuple[str, list[tuple]]]:
        return [(label, [(self[c.code], self[f"{c.code}_note"]) for c in evaluation.SELF_ASSESSMENT if c.group is group])
                for group, label in GROUPS.items()]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {c.code: {"rating": data.get(c.code) or "", "note": data.get(f"{c.code}_note") or ""}
                for c in evaluation.SELF_ASSESSMENT}

    @staticmethod
    def initial_from(answers: dict) -> dict:
        initial = {}
        for code, answer in answers.items():
            initial[code] = answer.get("rating", "")
            initial[f"{code}_note"] = answer.get("note", "")
        return initial
