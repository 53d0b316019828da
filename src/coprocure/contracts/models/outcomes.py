"""Key result areas, their indicators and measurements, survey rounds and report reminders."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised

from .contract import Contract, Party


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent (%)")
    COUNT = "count", _("number of people or events")
    DAYS = "days", _("days")
    EUR = "eur", _("euros")
    SCORE = "score", _("score")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Higher is better")
    LOWER_IS_BETTER = "lower_is_better", _("Lower is better")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class DataSource(models.TextChoices):
    PROVIDER_REPORT = "provider_report", _("Provider report")
    SURVEY = "survey", _("Survey of service users")
    REGISTER = "register", _("Register")


class Kra(models.Model):
    """A key result area. Its weight is its share of the KRA score in an alliance settlement;
    the settlement reads the levels from the KRA's first indicator (``main_indicator``)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="kras")
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=2000, multiline=True, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=4, validators=[MinValueValidator(0)],
        help_text=_("The KRA's share of the whole, between 0 and 1; the weights of a contract's KRAs add up to 1."),
    )
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ordering", "id"]
        verbose_name = _("key result area")
        verbose_name_plural = _("key result areas")

    def __str__(self) -> str:
        return localised(self.name)

    @property
    def main_indicator(self):
        indicators = list(self.indicators.all())
        return indicators[0] if indicators else None


class Indicator(models.Model):
    kra = models.ForeignKey(Kra, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(
        _("short code"), max_length=40,
        help_text=_("Used in report files, for example asumisen-pysyvyys. Unique within the contract."),
    )
    name = TranslatedTextField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=4, null=True, blank=True)
    minimum = models.DecimalField(_("minimum level"), max_digits=14, decimal_places=4)
    target = models.DecimalField(_("target level"), max_digits=14, decimal_places=4)
    excellent = models.DecimalField(_("excellent level"), max_digits=14, decimal_places=4)
    frequency = models.CharField(_("how often measured"), max_length=16, choices=Frequency.choices)
    data_source = models.CharField(_("data source"), max_length=20, choices=DataSource.choices)
    reported_by = models.ForeignKey(
        Party, verbose_name=_("who reports"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return localised(self.name)


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(max_length=8, choices=[("ui", "UI"), ("api", "API"), ("upload", _("file")),
                                                     ("survey", _("survey answers"))])
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="one_measurement_per_period"),
        ]


class SurveyRound(models.Model):
    """One period's round of the short recurring survey behind a user-reported indicator: the
    Likert question whose answers dated in the period make the period's value."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="survey_rounds")
    survey = models.ForeignKey("participation.Survey", on_delete=models.PROTECT, related_name="indicator_rounds")
    question = models.ForeignKey("participation.Question", verbose_name=_("question (scale 1–5)"),
                                 on_delete=models.PROTECT, related_name="indicator_rounds")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [models.UniqueConstraint(fields=["indicator", "period_start"], name="one_round_per_period")]


class ReportReminder(models.Model):
    """A reminder sent for one indicator's late or missing report: one per period, ever, so a
    daily run does not repeat itself."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    recipients = models.PositiveIntegerField(_("recipients"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [models.UniqueConstraint(fields=["indicator", "period_start"], name="one_reminder_per_period")]
