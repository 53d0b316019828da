"""Input forms for participation, shared by the web UI and the API."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Phase, TargetGroup, User
from coprocure.domain import equality, surveys
from coprocure.domain.errors import DomainError
from coprocure.core.moderation import RedactionForm
from coprocure.errors import message_for

from . import selectors
from .models import (
    LIKERT_LABELS, OTHER_LABEL, Activity, AgeBand, Aim, Insight, InsightStatus, ParticipationPlan, Question, QuestionKind,
    EXPERT_ROLES, Channel, Contribution, Registration, Survey,
)

LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English")),
                    ("se", _("Sámi")), ("fi_sign", _("Finnish Sign Language")), ("ru", _("Russian")),
                    ("et", _("Estonian")), ("ar", _("Arabic")), ("so", _("Somali"))]


class PlanForm(forms.ModelForm):
    aims = forms.MultipleChoiceField(label=_("aims"), choices=Aim.choices, widget=forms.CheckboxSelectMultiple)
    phases = forms.MultipleChoiceField(label=_("phases"), choices=Phase.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ParticipationPlan
        fields = ["aims", "initiative", "participant_roles", "phases", "methods", "plain_summary",
                  "accountable_official", "k_threshold", "reference_population"]

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accountable_official"].queryset = User.objects.filter(
            organisation=authority, is_active=True
        ).order_by("last_name", "first_name")
        current = (self.instance.reach if self.instance and self.instance.pk else {}) or {}
        self.groups = list(TargetGroup.objects.all())
        for group in self.groups:
            self.fields[f"reach_{group.code}"] = forms.IntegerField(
                label=_("People to reach: %(group)s") % {"group": str(group)}, required=False, min_value=0,
                max_value=1_000_000, initial=current.get(group.code),
            )
        shares = (self.instance.reference_shares if self.instance and self.instance.pk else {}) or {}
        for group in self.groups:
            self.fields[f"share_{group.code}"] = forms.DecimalField(
                label=_("Share of the reference population, %%: %(group)s") % {"group": str(group)}, required=False,
                min_value=0, max_value=100, max_digits=5, decimal_places=2, initial=shares.get(group.code),
            )

    def clean(self):
        data = super().clean()
        data["reach"] = {
            group.code: data.pop(f"reach_{group.code}") for group in self.groups
            if data.get(f"reach_{group.code}") is not None
        }
        shares = {group.code: data.pop(f"share_{group.code}", None) for group in self.groups}
        shares = {code: value for code, value in shares.items() if value is not None}
        try:
            equality.check_reference(shares)
        except DomainError as error:
            self.add_error(None, forms.ValidationError(message_for(error.code, error.params), code=error.code))
        data["reference_shares"] = {code: str(value) for code, value in shares.items()}
        for group in self.groups:
            data.pop(f"reach_{group.code}", None)
        return data


class ActivityForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = ["kind", "phase", "title", "plain_summary", "description", "starts_at", "ends_at", "place", "setting",
                  "step_free", "induction_loop", "sign_language", "plain_language", "interpreter", "quiet_room",
                  "languages", "capacity", "registration", "confirmation_hours"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", forms.ValidationError(_("The end must be after the start."), code="ends_before_start"))
        return data


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "intro", "opens_at", "closes_at", "mode", "k_threshold"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", forms.ValidationError(_("The survey must close after it opens."), code="closes_before_opens"))
        return data


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "text", "help", "required", "choices", "allow_other", "minimum", "maximum"]

    def clean(self):
        data = super().clean()
        has_choices = bool((data.get("choices") or {}).get("fi", {}).get("text", "").strip())
        if data.get("kind") in {QuestionKind.SINGLE, QuestionKind.MULTIPLE} and not has_choices:
            self.add_error("choices", forms.ValidationError(_("Write at least one choice, one per line."), code="choices_required"))
        return data


class AnswerForm(forms.Form):
    """The answering form built from a survey's questions. Its cleaned data is the JSON the
    API takes, so both reach the same domain checks in ``services.submit_response``."""

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        for question in self.questions:
            self.fields[question.key] = self._field(question)
            if question.kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE} and question.allow_other:
                self.fields[f"{question.key}_other"] = forms.CharField(
                    label=_("Something else, what?"), required=False, max_length=surveys.MAX_TEXT_LENGTH,
                )
        self.fields["target_group"] = forms.ChoiceField(
            label=_("Which group describes you best?"), required=False,
            choices=[("", _("I do not want to say"))] + [(g.code, str(g)) for g in TargetGroup.objects.all()],
            widget=forms.RadioSelect,
        )
        self.fields["age_band"] = forms.ChoiceField(
            label=_("Your age"), required=False, choices=[("", _("I do not want to say"))] + list(AgeBand.choices),
            widget=forms.RadioSelect,
        )

    @staticmethod
    def _field(question: Question):
        # Required-ness is checked by the domain rule, so the page and the API say the same.
        common = {"required": False, "label": str(question)}
        if question.kind == QuestionKind.LIKERT:
            return forms.TypedChoiceField(choices=[(n, str(label)) for n, label in LIKERT_LABELS], coerce=int,
                                          empty_value=None, widget=forms.RadioSelect, **common)
        if question.kind == QuestionKind.NUMBER:
            return forms.IntegerField(min_value=question.minimum, max_value=question.maximum, **common)
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=surveys.MAX_TEXT_LENGTH, **common)
        choices = selectors.choice_labels(question)
        if question.allow_other:
            choices.append((surveys.OTHER, str(OTHER_LABEL)))
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)

    def answers(self) -> dict:
        data = self.cleaned_data
        result = {}
        for question in self.questions:
            value = data.get(question.key)
            other = (data.get(f"{question.key}_other") or "").strip()
            if question.kind == QuestionKind.SINGLE and value == surveys.OTHER:
                value = {"choice": surveys.OTHER, "text": other}
            elif question.kind == QuestionKind.MULTIPLE and value:
                value = [{"choice": surveys.OTHER, "text": other} if item == surveys.OTHER else item for item in value]
            result[question.key] = value
        return result

    def background(self) -> dict:
        return {"target_group": self.cleaned_data.get("target_group") or "",
                "age_band": self.cleaned_data.get("age_band") or ""}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class InsightForm(forms.ModelForm):
    """An insight and where it came from. Sources are limited to the procurement's own
    activities and survey questions, so an insight cannot quote another procurement."""

    excerpts = forms.CharField(
        label=_("quoted excerpts"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One short quotation per line. Phone numbers, e-mail addresses and personal identity codes are removed automatically."),
    )
    themes = forms.CharField(
        label=_("themes"), required=False, max_length=500,
        help_text=_("Separate themes with commas, for example: loneliness, transport."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("target groups"), queryset=TargetGroup.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Insight
        fields = ["statement", "plain_summary", "activity", "question", "excerpts", "themes", "target_groups"]

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(procurement=procurement)
        self.fields["question"].queryset = Question.objects.filter(
            survey__activity__procurement=procurement
        ).select_related("survey")

    def clean_excerpts(self) -> list[str]:
        return _lines(self.cleaned_data.get("excerpts"))

    def clean_themes(self) -> list[str]:
        return [theme.strip() for theme in (self.cleaned_data.get("themes") or "").split(",") if theme.strip()]

    def clean(self):
        data = super().clean()
        question = data.get("question")
        if question is not None and data.get("activity") is None:
            data["activity"] = question.survey.activity
        return data


class InsightDecisionForm(forms.ModelForm):
    status = forms.ChoiceField(label=_("What became of it"), choices=InsightStatus.choices, widget=forms.RadioSelect)

    class Meta:
        model = Insight
        fields = ["status", "status_reason"]


class RegistrationForm(forms.ModelForm):
    """Signing up, with what the person needs to take part; the organiser sees it on the roster."""

    target_group = forms.ChoiceField(label=_("Which group describes you best?"), required=False, widget=forms.RadioSelect)
    age_band = forms.ChoiceField(label=_("Your age"), required=False, widget=forms.RadioSelect,
                                 choices=[("", _("I do not want to say"))] + list(AgeBand.choices))

    class Meta:
        model = Registration
        fields = ["dietary", "assistance", "interpreter", "needs", "target_group", "age_band"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "needs": _("For example: a quiet place to sit, large print, a break every hour, someone to meet me at the door."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].choices = [("", _("I do not want to say"))] + [
            (g.code, str(g)) for g in TargetGroup.objects.all()
        ]


class NamedRegistrationForm(RegistrationForm):
    """Signing up with an account that has no name (made by e-mail or Suomi.fi): the name or
    pseudonym the organisers see, instead of an address or a pseudonymous username."""

    class Meta(RegistrationForm.Meta):
        fields = ["name", *RegistrationForm.Meta.fields]
        help_texts = {**RegistrationForm.Meta.help_texts,
                      "name": _("A first name or a pseudonym is enough. The organisers see it on the list of people coming.")}
        widgets = {**RegistrationForm.Meta.widgets, "name": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True


class GuestRegistrationForm(NamedRegistrationForm):
    """Signing up without an account: who (a name or a pseudonym is enough) and where to send
    the confirmation and any freed place."""

    class Meta(NamedRegistrationForm.Meta):
        fields = ["name", "email", "phone", *RegistrationForm.Meta.fields]
        help_texts = {
            **NamedRegistrationForm.Meta.help_texts,
            "email": _("We send the confirmation here, and a link to cancel."),
            "phone": _("If you give a number, you also get a text message, for example when a place frees up."),
        }
        widgets = {**NamedRegistrationForm.Meta.widgets, "email": forms.EmailInput(attrs={"autocomplete": "email"}),
                   "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}

    def clean_phone(self):
        phone = re.sub(r"[\s()-]", "", self.cleaned_data.get("phone", ""))
        if phone and not re.fullmatch(r"\+?[0-9]{6,15}", phone):
            raise forms.ValidationError(message_for("registration_phone_format"), code="registration_phone_format")
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", forms.ValidationError(message_for("registration_contact_required"),
                                                          code="registration_contact_required"))
        return data


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(label=_("Came"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.pk, r.display_name) for r in registrations]
        self.initial.setdefault("attended", [r.pk for r in registrations if r.attended])


class PublishAnswerForm(forms.Form):
    text = forms.CharField(label=_("Text to publish"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("You can shorten it to an excerpt. Moderators can still hide parts of it afterwards."))


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("The person's code"), max_length=300,
                           help_text=_("Shown on the person's sign-up page, for example 12-8F3A91C2."))


class BatchForm(forms.Form):
    """The part of a batch entry that is not anybody's answers: how and where they were collected."""

    channel = forms.ChoiceField(label=_("How were the answers collected?"), widget=forms.RadioSelect,
                                choices=[(c, label) for c, label in Channel.choices if c != Channel.ONLINE])
    place = forms.CharField(label=_("Where (optional)"), max_length=200, required=False,
                            help_text=_("For example: Kotikulma service centre, drop-in on Monday."))
    count = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=50)


class ContributionForm(forms.ModelForm):
    person = forms.ModelChoiceField(label=_("Expert by experience or peer"), queryset=User.objects.none(),
                                    to_field_name="username")

    class Meta:
        model = Contribution
        fields = ["person", "hours", "fee", "travel_cost", "work"]

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(
            procurement_roles__procurement=procurement, procurement_roles__role__in=EXPERT_ROLES,
        ).distinct().order_by("last_name", "first_name")
        self.fields["travel_cost"].required = False

    def clean_travel_cost(self):
        return self.cleaned_data.get("travel_cost") or Decimal("0.00")


class ExcerptRedactionForm(RedactionForm):
    """Which of an insight's quoted excerpts, and which part of it, to hide."""

    excerpt = forms.TypedChoiceField(label=_("Excerpt"), coerce=int, choices=())
    field_order = ["excerpt", "passage", "start", "end", "reason"]

    def __init__(self, *args, excerpts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.excerpts = excerpts
        self.fields["excerpt"].choices = list(enumerate(excerpts))

    def clean(self):
        index = self.cleaned_data.get("excerpt")
        self.text = self.excerpts[index] if index is not None else ""
        return super().clean()
