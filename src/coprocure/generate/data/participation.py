"""Participation plans, activities, surveys with their answers, and the insights drawn from them."""

from __future__ import annotations

from datetime import timedelta

from coprocure.core.models import Phase
from coprocure.participation import publication
from coprocure.participation.models import (
    Activity, Answer, Insight, InsightStatus, ParticipationPlan, Publication, Question, Response, Survey, SurveyMode,
)

from .common import AREAS, BATCH, MUNICIPALITIES, SAID, insert, t


class Participation:
    def participation(self) -> None:
        procurements = self.procurement_rows
        insert(ParticipationPlan, [
            ParticipationPlan(
                procurement=p, aims=["participation_wellbeing", "better_services"],
                participant_roles=t("Palvelujen käyttäjät ja läheiset kertovat kokemuksistaan.",
                                    "Tjänsternas användare och närstående berättar om sina erfarenheter.",
                                    "People who use the services and their relatives tell of their experience."),
                phases=[Phase.PREPARATION, Phase.CONTRACT], methods=t("Kysely ja asiakasraati.", "Enkät och klientpanel.",
                                                              "A survey and a customer panel."),
                reach={AREAS[p.service_area][2]: 100}, accountable_official=p.accountable_official, k_threshold=5)
            for p in procurements
        ], "participation plans", self.progress)
        activities = []
        for p in procurements:
            starts = self.now - timedelta(days=self.rng.randint(-30, 300))
            activities += [
                Activity(procurement=p, kind="survey", phase=Phase.PREPARATION, setting="online",
                         title=t("Kysely palvelun käyttäjille", "Enkät till användarna", "Survey for the people who use the service"),
                         plain_language=True, languages=["fi", "sv"]),
                Activity(procurement=p, kind="customer_panel", phase=Phase.PREPARATION, setting="service_centre",
                         title=t("Asiakasraati", "Klientpanel", "Customer panel"), starts_at=starts,
                         ends_at=starts + timedelta(hours=2), place=f"Palvelukeskus, {self.rng.choice(MUNICIPALITIES)}",
                         step_free=True, induction_loop=self.rng.random() < 0.5, languages=["fi"], capacity=20),
            ]
        activities = insert(Activity, activities, "activities", self.progress)
        surveys = insert(Survey, [
            Survey(activity=activity, title=t("Mikä auttaa sinua?", "Vad hjälper dig?", "What helps you?"),
                   opens_at=self.now - timedelta(days=60), closes_at=self.now + timedelta(days=self.rng.randint(-30, 60)),
                   mode=SurveyMode.IDENTIFIED if (n % 10 == 9 and self.residents) else SurveyMode.ANONYMOUS, k_threshold=5)
            for n, activity in enumerate(activities[::2])
        ], "surveys", self.progress)
        questions = []
        for survey in surveys:
            questions += [
                Question(survey=survey, kind="likert", required=True, ordering=1,
                         text=t("Miten hyvin saat apua nyt?", "Hur bra får du hjälp nu?", "How well do you get help now?")),
                Question(survey=survey, kind="multiple", ordering=2, choices=t(
                    "Vertaistuki\nSama työntekijä\nNopeampi apu", "Kamratstöd\nSamma arbetare\nSnabbare hjälp",
                    "Peer support\nThe same worker\nHelp sooner"),
                    text=t("Mikä auttaisi eniten?", "Vad skulle hjälpa mest?", "What would help most?")),
                Question(survey=survey, kind="text", ordering=3,
                         text=t("Mitä muuta haluat sanoa?", "Vad mer vill du säga?", "What else would you like to say?")),
            ]
        questions = insert(Question, questions, "questions", self.progress)
        self.questions = {survey.pk: questions[3 * n:3 * n + 3] for n, survey in enumerate(surveys)}
        self.answers(surveys)
        insights = []
        for p, survey in zip(procurements, surveys, strict=True):
            rating, helps, words = self.questions[survey.pk]
            for n in range(3):
                said = SAID[(p.pk + n) % len(SAID)]
                status = [InsightStatus.TAKEN_UP, InsightStatus.OPEN, InsightStatus.NOT_TAKEN_UP][n]
                insights.append(Insight(
                    procurement=p, statement=t(*said), activity=survey.activity, question=[rating, helps, words][n],
                    excerpts=[said[0]], themes=["saatavuus"], status=status, created_by=self.staff[p.authority_id],
                    status_reason=t("Ei mahdu tämän hankinnan budjettiin.", "Ryms inte i budgeten.",
                                    "It does not fit this procurement's budget.") if status == InsightStatus.NOT_TAKEN_UP else {}))
        self.insights = insert(Insight, insights, "insights", self.progress)
        self.counts.update(activities=len(activities), surveys=len(surveys), insights=len(insights))

    def answers(self, surveys: list[Survey]) -> None:
        """Responses spread unevenly over the surveys, as attention is: a few get most answers.
        Written a batch at a time, so national scale never holds a million answers in memory."""
        total = round(self.scale.answers / 2.3)  # two answers each, a free text from three in ten
        weights = [self.rng.paretovariate(1.5) for _survey in surveys]
        bands = ["18_29", "30_64", "65_74", "75_plus"]
        groups = list(self.groups)
        answered = 0

        def batches():
            nonlocal answered
            for start in range(0, total, BATCH):
                responses, answers = [], []
                for _n in range(min(BATCH, total - start)):
                    survey = self.rng.choices(surveys, weights=weights)[0]
                    identified = survey.mode == SurveyMode.IDENTIFIED
                    response = Response(id=self.uuid(), survey=survey, mode=survey.mode, channel="online",
                                        answered_on=self.today - timedelta(days=self.rng.randint(0, 59)),
                                        participant=self.rng.choice(self.residents) if identified else None,
                                        target_group=self.rng.choice(groups), age_band=self.rng.choice(bands))
                    responses.append(response)
                    rating, helps, words = self.questions[survey.pk]
                    answers += [Answer(id=self.uuid(), response=response, question=rating, value=self.rng.randint(1, 5)),
                                Answer(id=self.uuid(), response=response, question=helps,
                                       value=sorted(self.rng.sample(["1", "2", "3"], self.rng.randint(1, 2))))]
                    if self.rng.random() < 0.3:
                        answers.append(Answer(id=self.uuid(), response=response, question=words,
                                              value=self.rng.choice(SAID)[0]))
                Response.objects.bulk_create(responses)
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answered += len(answers)
                yield responses

        for _batch in self.progress("survey responses", batches(), total):
            pass
        self.counts.update(responses=total, answers=answered)

    def publications(self) -> None:
        """Each procurement's participation counts as published, as the clock's job would have left
        them on a running service (the public figures read only a publication)."""
        ids = [procurement.pk for procurement in self.procurement_rows]
        live = publication.live(ids)
        insert(Publication, [Publication(procurement_id=pk, cells=publication.as_rows(live[pk]), published_at=self.now)
                             for pk in ids], "participation publications", self.progress)
