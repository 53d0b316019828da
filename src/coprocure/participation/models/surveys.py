"""Surveys, their questions and the answers to them.

Anonymous answers are stored so that nothing in the database links them to a person: a
``Response`` has no user, session, IP address or time finer than the day, its key is random
(a sequential id would give away the order of answering), the one-time tokens that stop double
submission are signed values of which only the spent nonce is stored, with no link to the
answer it allowed, and the rows leave their order of arrival in shuffled batches (``mixing``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Procurement
from coprocure.domain import privacy
from coprocure.domain.surveys import Channel as DomainChannel
from coprocure.domain.surveys import QuestionKind as DomainQuestionKind
from coprocure.domain.surveys import SurveyMode as DomainSurveyMode

from .plan import Activity


class SurveyMode(models.TextChoices):
    ANONYMOUS = DomainSurveyMode.ANONYMOUS.value, _("Anonymous")
    IDENTIFIED = DomainSurveyMode.IDENTIFIED.value, _("Identified (invited panels)")


class Survey(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="surveys")
    title = TranslatedTextField(_("title"), max_length=200)
    intro = TranslatedTextField(_("introduction"), max_length=2000, multiline=True, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=SurveyMode.choices, default=SurveyMode.ANONYMOUS)
    k_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=privacy.DEFAULT_K, validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Results of fewer people than this are hidden so that nobody can be recognised."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Whether all of the survey's anonymous responses were last mixed together, as one batch
    # (``mixing.mix_survey(everything=True)`` once the survey has closed).
    mixed_in_full = models.BooleanField(default=False, editable=False)
    # A contract's outcome round (contracts.SurveyRound) is answered with invitation codes only,
    # so that the figure it pays on cannot be stuffed: its open link refuses answers, and it is
    # never offered to everyone.
    by_invitation = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return localised(self.title) or f"#{self.pk}"

    @property
    def procurement(self) -> Procurement:
        return self.activity.procurement


class QuestionKind(models.TextChoices):
    LIKERT = DomainQuestionKind.LIKERT.value, _("Scale 1–5")
    SINGLE = DomainQuestionKind.SINGLE.value, _("One choice")
    MULTIPLE = DomainQuestionKind.MULTIPLE.value, _("Several choices")
    NUMBER = DomainQuestionKind.NUMBER.value, _("Number")
    TEXT = DomainQuestionKind.TEXT.value, _("Free text")


LIKERT_LABELS = [
    (1, _("1 – Very poor")), (2, _("2 – Poor")), (3, _("3 – Neither good nor poor")),
    (4, _("4 – Good")), (5, _("5 – Very good")),
]


OTHER_LABEL = _("Something else")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text = TranslatedTextField(_("question"), max_length=500)
    help = TranslatedTextField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # One choice per line, the same lines in each language; a choice's value is its line
    # number, so translations can be added later without changing stored answers.
    choices = TranslatedTextField(
        _("choices"), max_length=2000, multiline=True, blank=True,
        help_text=_("One choice per line, in the same order in every language."),
    )
    allow_other = models.BooleanField(_("allow “something else”"), default=False)
    minimum = models.IntegerField(_("smallest number"), null=True, blank=True)
    maximum = models.IntegerField(_("largest number"), null=True, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ordering", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return localised(self.text)

    @property
    def key(self) -> str:
        return f"q{self.pk}"


class Channel(models.TextChoices):
    ONLINE = DomainChannel.ONLINE.value, _("Online")
    ASSISTED = DomainChannel.ASSISTED.value, _("Assisted on site")
    PAPER = DomainChannel.PAPER.value, _("Paper")
    PHONE = DomainChannel.PHONE.value, _("Phone interview")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_29 = "18_29", _("18–29")
    AGE_30_64 = "30_64", _("30–64")
    AGE_65_74 = "65_74", _("65–74")
    AGE_75_PLUS = "75_plus", _("75 or over")


class Response(models.Model):
    """One person's answers to one survey.

    No user, session, IP address or time of day: only the day. ``participant`` is set in
    identified mode only (a database constraint enforces it). The background is a snapshot
    given when answering, so equality figures for the past do not change with a profile.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    mode = models.CharField(max_length=16, choices=SurveyMode.choices, editable=False)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    answered_on = models.DateField(_("answered on"))
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    target_group = models.CharField(_("target group"), max_length=50, blank=True)
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True)
    # An anonymous response still in its order of arrival: its transaction id (xmin) and place
    # on disk (ctid) follow time until ``mixing`` re-inserts it in a shuffled batch.
    unmixed = models.BooleanField(default=False, editable=False)
    # Came with an invitation code (an outcome round's survey): only these count for a
    # user-reported indicator. A column of its own rather than a row elsewhere, so nothing
    # written beside the answer keeps its order of arrival.
    invited = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey"], condition=Q(unmixed=True), name="response_unmixed")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mode=SurveyMode.ANONYMOUS) | Q(participant__isnull=True),
                name="anonymous_response_has_no_participant",
            )
        ]


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()
    redacted = models.BooleanField(default=False, help_text=_("Personal data was removed from the text."))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]


class SpentAnswerToken(models.Model):
    """The nonce of an answer token that was used (``participation.tokens``). Tokens are signed
    values that are stored only here, once spent: the primary key makes a second use
    impossible. No time and no link to the response the token allowed. The rows stay in their
    order of arrival, which says when tokens were spent but not for which answer: a nonce is
    written in its answer's transaction, and once the answers are mixed no transaction id or
    position joins the two."""

    nonce = models.CharField(primary_key=True, max_length=32)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("spent answer token")
        verbose_name_plural = _("spent answer tokens")


class AnswerBatch(models.Model):
    """Answers collected on paper or by interview and entered together. It records who entered
    how many answers, through which channel and when, and nothing that points to the answers:
    the responses carry only their channel and day, like every other anonymous answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="batches")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    place = models.CharField(_("where the answers were collected"), max_length=200, blank=True)
    answer_count = models.PositiveIntegerField(_("answers"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["-entered_at", "-id"]
        verbose_name = _("batch of answers")
        verbose_name_plural = _("batches of answers")
