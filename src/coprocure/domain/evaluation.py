"""Evaluation figures: did participation happen, how did it feel, and what did it change.

THL describes participation in three dimensions: in one's own life, in the processes where
services are decided (influence), and in the common good. The participation experience
survey asks a few 1–5 questions along them; each question belongs to one dimension. Influence
is measured from the records themselves: which insights became objectives or criteria, how
much of the quality criteria's weight traces back to what people said, and which development
proposals of service users were adopted. Every count of people follows the same small-group
suppression as all other results (``privacy``); counts of records (insights, criteria,
proposals) describe no person and are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from . import disclosure, privacy
from .surveys import LIKERT_VALUES, Channel


class ParticipationDimension(StrEnum):
    """THL's dimensions of participation (the glossary's `participation_dimension`)."""

    OWN_LIFE = "own_life"
    INFLUENCE = "influence"
    COMMON_GOOD = "common_good"


class Round(StrEnum):
    """When an experience survey was run, relative to the phase it asks about."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


@dataclass(frozen=True)
class ExperienceItem:
    code: str
    dimension: ParticipationDimension
    text: dict[str, str]  # language → the statement people rate from 1 to 5


# Plain language: short statements in the first person, one idea each.
EXPERIENCE_ITEMS: tuple[ExperienceItem, ...] = (
    ExperienceItem("heard", ParticipationDimension.INFLUENCE, {
        "fi": "Minua kuunneltiin.",
        "sv": "Jag blev hörd.",
        "en": "I was heard.",
    }),
    ExperienceItem("effect", ParticipationDimension.INFLUENCE, {
        "fi": "Sillä, mitä sanoin, oli vaikutusta.",
        "sv": "Det jag sade hade betydelse för resultatet.",
        "en": "My input had an effect.",
    }),
    ExperienceItem("feedback", ParticipationDimension.INFLUENCE, {
        "fi": "Sain tietää, mitä sanomalleni tapahtui.",
        "sv": "Jag fick veta vad som hände med det jag sade.",
        "en": "I received feedback on what happened to my input.",
    }),
    ExperienceItem("suited_me", ParticipationDimension.OWN_LIFE, {
        "fi": "Pystyin osallistumaan tavalla, joka sopi minulle.",
        "sv": "Jag kunde delta på ett sätt som passade mig.",
        "en": "I could take part in a way that suited me.",
    }),
    ExperienceItem("meaningful", ParticipationDimension.OWN_LIFE, {
        "fi": "Osallistuminen oli minulle merkityksellistä.",
        "sv": "Det var meningsfullt för mig att delta.",
        "en": "Taking part was meaningful to me.",
    }),
    # The seeds: participation in one's own life is services that work better for me.
    ExperienceItem("better_for_me", ParticipationDimension.OWN_LIFE, {
        "fi": "Palvelut toimivat nyt paremmin minulle.",
        "sv": "Tjänsterna fungerar nu bättre för mig.",
        "en": "Services work better for me now.",
    }),
    ExperienceItem("for_others", ParticipationDimension.COMMON_GOOD, {
        "fi": "Osallistumiseni auttaa tekemään palvelusta paremman myös muille.",
        "sv": "Mitt deltagande hjälper till att göra tjänsten bättre även för andra.",
        "en": "Taking part helps make the service better for others too.",
    }),
    # ... and in the common good, a safer everyday life.
    ExperienceItem("safer_everyday", ParticipationDimension.COMMON_GOOD, {
        "fi": "Osallistuminen tekee arjesta turvallisempaa meille kaikille.",
        "sv": "Deltagandet gör vardagen tryggare för oss alla.",
        "en": "Taking part makes everyday life safer for all of us.",
    }),
)
ITEMS_BY_CODE = {item.code: item for item in EXPERIENCE_ITEMS}

SURVEY_TITLE = {
    "fi": "Millaista osallistuminen oli?",
    "sv": "Hur var det att delta?",
    "en": "What was taking part like?",
}
SURVEY_INTRO = {
    "fi": "Kuusi lyhyttä väitettä. Valitse 1–5: 1 tarkoittaa, ettei pidä lainkaan paikkaansa, ja 5, että pitää "
          "täysin paikkansa. Vastaat nimettömästi.",
    "sv": "Sex korta påståenden. Välj 1–5: 1 betyder att det inte alls stämmer och 5 att det stämmer helt. "
          "Du svarar anonymt.",
    "en": "Six short statements. Choose 1–5: 1 means it is not true at all and 5 that it is completely true. "
          "You answer anonymously.",
}

AGREE = frozenset({4, 5})


@dataclass(frozen=True)
class DimensionScore:
    dimension: ParticipationDimension
    answers: int | None  # answers behind the score; None when fewer than k
    mean: Fraction | None
    agree_share: Fraction | None  # share of answers of 4 or 5
    distribution: dict[int, int | None]  # value → answers, small cells hidden


def dimension_scores(counts: Mapping[str, Mapping[int, int]], k: int = privacy.DEFAULT_K) -> list[DimensionScore]:
    """Scores per dimension from the answers of one round: ``counts`` maps an item's code to
    how many answered each value 1–5.

    A score stands on its item with the fewest answers: when any item of a dimension was
    answered by fewer than k people, a mean over the dimension would still describe those few
    (the others' answers can be subtracted), so nothing of the dimension is shown. The
    distribution is suppressed like any table of counts, and the mean and the share agreeing
    are shown only when they pin no hidden count down (``disclosure.distribution``).
    """
    scores = []
    for dimension in ParticipationDimension:
        items = [item.code for item in EXPERIENCE_ITEMS if item.dimension is dimension]
        per_item = [sum(counts.get(code, {}).get(v, 0) for v in LIKERT_VALUES) for code in items]
        merged = {v: sum(counts.get(code, {}).get(v, 0) for code in items) for v in LIKERT_VALUES}
        figures = disclosure.distribution(merged, k, AGREE, enough=privacy.reaches_k(min(per_item), k))
        scores.append(DimensionScore(dimension, figures.answers, figures.mean, figures.agree_share, figures.counts))
    return scores


def unpublished() -> list[DimensionScore]:
    """The scores of a round whose figures are not published (yet): nothing of any dimension."""
    return [DimensionScore(d, None, None, None, {v: None for v in LIKERT_VALUES}) for d in ParticipationDimension]


@dataclass(frozen=True)
class Change:
    dimension: ParticipationDimension
    scores: dict[Round, Fraction | None]
    change: Fraction | None  # last shown round minus the first shown round


def compare_rounds(rounds: Mapping[Round, list[DimensionScore]]) -> list[Change]:
    """Each dimension's mean per round and the change from the first round with a shown score
    to the last. A hidden score is never compared: the change would reveal it."""
    result = []
    for dimension in ParticipationDimension:
        scores = {}
        for round_ in Round:
            score = next((s for s in rounds.get(round_, []) if s.dimension is dimension), None)
            scores[round_] = score.mean if score else None
        shown = [mean for mean in scores.values() if mean is not None]
        result.append(Change(dimension, scores, shown[-1] - shown[0] if len(shown) > 1 else None))
    return result


@dataclass(frozen=True)
class Share:
    """A share of records with the records behind it, so that every figure can be followed
    down to the items it counts."""

    part: Decimal | int
    whole: Decimal | int
    included: tuple  # ids of the records in the part
    excluded: tuple  # ids of the records in the whole but not in the part

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.part) / Fraction(self.whole) if self.whole else None


def count_share(records: Iterable[tuple[object, bool]]) -> Share:
    """The share of records for which the flag holds: ``records`` are (id, flag)."""
    records = list(records)
    included = tuple(pk for pk, flag in records if flag)
    excluded = tuple(pk for pk, flag in records if not flag)
    return Share(len(included), len(records), included, excluded)


def weight_share(criteria: Iterable[tuple[object, Decimal, bool]]) -> Share:
    """The share of quality-criterion weight that traces back to user input: ``criteria`` are
    (id, weight, traces) where ``traces`` says the criterion answers an objective that answers
    an insight."""
    criteria = list(criteria)
    if any(weight < 0 for _pk, weight, _traces in criteria):
        raise ValueError("a criterion's weight cannot be negative")
    part = sum((weight for _pk, weight, traces in criteria if traces), Decimal(0))
    whole = sum((weight for _pk, weight, _traces in criteria), Decimal(0))
    return Share(part, whole, tuple(pk for pk, _w, traces in criteria if traces),
                 tuple(pk for pk, _w, traces in criteria if not traces))


# Proposers who speak from using the service: the people the influence trail is about.
USER_PROPOSERS = frozenset({"service_user", "relative", "client_representative"})
ADOPTED = "adopted"


def adopted_share(proposals: Iterable[tuple[object, str, str]]) -> Share:
    """The share of service users' development proposals that were adopted: ``proposals``
    are (id, proposer kind, status). Proposals from staff and others are left out."""
    return count_share((pk, status == ADOPTED) for pk, kind, status in proposals if kind in USER_PROPOSERS)


@dataclass(frozen=True)
class Counted:
    counts: dict[str, int | None]  # None: hidden to protect a small group
    total: int | None


def counted(counts: Mapping[str, int], k: int = privacy.DEFAULT_K) -> Counted:
    """A row of counts of people suppressed for publication, with complementary suppression."""
    suppression = privacy.suppress(counts, k)
    total = sum(counts.values())
    return Counted({key: n if suppression.shows(key) else None for key, n in counts.items()},
                   total if suppression.total_shown else None)


# Outreach is going where people already are (the seeds' definition): a service centre, a
# low-threshold drop-in, a home. Answering online goes nowhere, so neither an online activity nor
# an online answer to the survey of an outreach activity counts as outreach.
OUTREACH_SETTINGS = frozenset({"service_centre", "drop_in", "home_visit"})


def is_outreach(setting: str, channel: str | None = None) -> bool:
    """Whether one participation happened where the person already is. ``channel`` is how a
    survey was answered (None for attending an event, which happens at the activity's setting)."""
    return setting in OUTREACH_SETTINGS and channel != Channel.ONLINE


def outreach_share(outreach: int, institutional: int, k: int = privacy.DEFAULT_K) -> Fraction | None:
    """The share of participations that happened where people already are. Hidden when either
    part is a small group: the share and the total would give it away."""
    total = outreach + institutional
    if not total or any(0 < part and not privacy.reaches_k(part, k) for part in (outreach, institutional)):
        return None
    return Fraction(outreach, total)


class Rating(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"


class CriterionGroup(StrEnum):
    PROMISING_PRACTICE = "promising_practice"
    GOVERNANCE = "governance"


@dataclass(frozen=True)
class Criterion:
    code: str
    group: CriterionGroup
    text: dict[str, str]


# THL's promising-practice criteria as the operating model's own evaluation applies them, and
# the questions the participation-promoting governance model asks of every participation effort.
SELF_ASSESSMENT: tuple[Criterion, ...] = (
    Criterion("research_based", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Toiminnassa on käytetty olemassa olevaa tutkimustietoa.",
        "sv": "Verksamheten bygger på befintlig forskning.",
        "en": "The work makes use of existing research.",
    }),
    Criterion("users_heard", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Kohderyhmää itseään kuultiin, kun sen tarpeita selvitettiin.",
        "sv": "Målgruppen själv hördes när dess behov utreddes.",
        "en": "The target group itself was heard when its needs were found out.",
    }),
    Criterion("every_phase", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Palvelujen käyttäjät pääsivät osallistumaan hankinnan eri vaiheissa.",
        "sv": "Tjänsteanvändarna kunde delta i upphandlingens olika skeden.",
        "en": "Service users could take part in the different phases of the procurement.",
    }),
    Criterion("suitable_methods", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Menetelmät sopivat myös heikoimmassa asemassa oleville: mentiin sinne, missä ihmiset ovat.",
        "sv": "Metoderna passade även de mest utsatta: vi gick dit där människorna finns.",
        "en": "The methods suited also those in the weakest position: we went where people are.",
    }),
    Criterion("transferable", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Toimintatapa on siirrettävissä muihin palveluihin ja alueille.",
        "sv": "Arbetssättet kan överföras till andra tjänster och områden.",
        "en": "The way of working can be transferred to other services and areas.",
    }),
    Criterion("staff_trained", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Henkilöstö sai koulutusta ja tukea uudenlaiseen yhteistyöhön.",
        "sv": "Personalen fick utbildning och stöd för det nya samarbetet.",
        "en": "Staff received training and support for the new way of working together.",
    }),
    Criterion("responsibility_clear", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Vastuu päätöksistä pysyi viranomaisella eikä siirtynyt kokemusasiantuntijoille.",
        "sv": "Ansvaret för besluten låg kvar hos myndigheten och flyttades inte till erfarenhetsexperterna.",
        "en": "Responsibility for decisions stayed with the authority and did not move to experts by experience.",
    }),
    Criterion("metrics", CriterionGroup.PROMISING_PRACTICE, {
        "fi": "Vaikutuksia seurattiin sopivilla ja helpoilla mittareilla.",
        "sv": "Effekterna följdes upp med lämpliga och enkla mätare.",
        "en": "Impacts were followed with suitable and easy measures.",
    }),
    Criterion("aim", CriterionGroup.GOVERNANCE, {
        "fi": "Osallistumisen tavoite oli selvä: osallisuus ja hyvinvointi, paremmat palvelut, uudet ratkaisut "
              "tai resurssien tehokas käyttö.",
        "sv": "Målet med delaktigheten var tydligt: delaktighet och välbefinnande, bättre tjänster, nya lösningar "
              "eller effektiv resursanvändning.",
        "en": "The aim of participation was clear: participation and wellbeing, better services, innovative "
              "solutions or efficient use of resources.",
    }),
    Criterion("initiative", CriterionGroup.GOVERNANCE, {
        "fi": "Oli selvää, kenen aloitteesta osallistuminen tapahtui.",
        "sv": "Det var klart på vems initiativ delaktigheten skedde.",
        "en": "It was clear on whose initiative people took part.",
    }),
    Criterion("roles", CriterionGroup.GOVERNANCE, {
        "fi": "Osallistujien roolit olivat selvät heille itselleen ja muille.",
        "sv": "Deltagarnas roller var tydliga för dem själva och för andra.",
        "en": "The participants' roles were clear to themselves and to others.",
    }),
    Criterion("phase", CriterionGroup.GOVERNANCE, {
        "fi": "Oli sovittu, missä vaiheessa kukin osallistuu.",
        "sv": "Det var överenskommet i vilket skede var och en deltar.",
        "en": "It was agreed in which phase each one takes part.",
    }),
    Criterion("methods", CriterionGroup.GOVERNANCE, {
        "fi": "Menetelmät valittiin osallistujien ja tavoitteen mukaan.",
        "sv": "Metoderna valdes efter deltagarna och målet.",
        "en": "The methods were chosen to fit the participants and the aim.",
    }),
    Criterion("equal", CriterionGroup.GOVERNANCE, {
        "fi": "Eriarvoisen osallistumisen riski tunnistettiin ja sitä vähennettiin.",
        "sv": "Risken för ojämlikt deltagande identifierades och minskades.",
        "en": "The risk of unequal participation was recognised and reduced.",
    }),
)
CRITERIA_BY_CODE = {criterion.code: criterion for criterion in SELF_ASSESSMENT}


def assessment_summary(answers: Mapping[str, Mapping[str, str]]) -> dict[Rating, int]:
    """How many criteria were rated each way; criteria not yet answered are not counted."""
    summary = {rating: 0 for rating in Rating}
    for code, answer in answers.items():
        if code in CRITERIA_BY_CODE and answer.get("rating") in Rating._value2member_map_:
            summary[Rating(answer["rating"])] += 1
    return summary
