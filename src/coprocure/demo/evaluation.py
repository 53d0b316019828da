"""Demo evaluation for the substance-abuse procurement and the housing-support alliance,
written through the services: experience-survey rounds answered by enough people to show,
and each procurement's self-assessment."""

from __future__ import annotations

from coprocure.core.models import Procurement, User
from coprocure.evaluation import services
from coprocure.participation import services as participation

from .procurements import t

# Each row is one person's answers to the eight statements, in the template's order.
EARLY = [[3, 2, 2, 4, 4, 3, 3, 2], [4, 3, 2, 4, 5, 3, 4, 3], [2, 2, 1, 3, 3, 2, 3, 2], [4, 3, 3, 5, 4, 4, 4, 3],
         [3, 3, 2, 4, 4, 3, 3, 2], [3, 2, 2, 3, 4, 2, 4, 3], [4, 4, 3, 4, 5, 3, 4, 3]]
LATER = [[4, 4, 4, 4, 5, 4, 4, 4], [5, 4, 4, 5, 5, 5, 5, 5], [4, 3, 4, 4, 4, 4, 4, 4], [5, 5, 4, 4, 5, 4, 5, 5],
         [4, 4, 3, 5, 4, 5, 4, 4], [4, 4, 5, 4, 5, 4, 4, 4], [3, 4, 4, 4, 4, 4, 5, 5], [5, 4, 4, 5, 5, 5, 4, 4]]


def _answer(experience, rows: list[list[int]], channel_rows: int = 0, staff: User | None = None) -> None:
    keys = [f"q{pk}" for pk in experience.items]
    for index, row in enumerate(rows):
        paper = index < channel_rows
        participation.submit_response(
            experience.survey, dict(zip(keys, row)), channel="paper" if paper else "online",
            entered_by=staff if paper else None,
        )


def _peer_survey(staff: User, procurement: Procurement, question: dict, groups: dict[str, int]) -> None:
    """A short survey at a drop-in during the contract period, answered by people of the given target groups."""
    activity = participation.create_activity(staff, procurement, {
        "kind": "peer_activity", "phase": "contract", "title": t("Vertaisilta", "Kamratkväll", "Peer evening"), "setting": "drop_in", "plain_language": True,
    })
    survey = participation.create_survey(staff, activity, {
        "title": t("Miten palvelu on toiminut?", "Hur har tjänsten fungerat?", "How has the service worked?"), "mode": "anonymous",
    })
    rating = participation.add_question(staff, survey, {"kind": "likert", "text": question, "required": True})
    for group, count in groups.items():
        for index in range(count):
            participation.submit_response(survey, {rating.key: 3 + index % 3}, background={"target_group": group})


def run(users: dict[str, User], substance_abuse: Procurement, housing: Procurement) -> None:
    official = users["virkailija"]
    _peer_survey(official, substance_abuse, t("Miten palvelu on auttanut sinua?", "Hur har tjänsten hjälpt dig?",
                                              "How has the service helped you?"),
                 {"substance_use": 9, "mental_health": 6})
    before = services.create_experience_survey(official, substance_abuse, "preparation", "after")
    _answer(before, EARLY, channel_rows=3, staff=official)
    participation.close_survey(official, before.survey)  # a finished round: its scores are published
    during = services.create_experience_survey(official, substance_abuse, "contract", "during")
    _answer(during, LATER)
    participation.close_survey(official, during.survey)
    services.save_self_assessment(official, substance_abuse, {
        "research_based": {"rating": "yes", "note": "Päihdehoidon tutkimus ja THL:n toimintamalli olivat pohjana."},
        "users_heard": {"rating": "yes", "note": "Kokemusasiantuntijapaneeli ja kysely matalan kynnyksen paikoissa."},
        "every_phase": {"rating": "partly", "note": "Kilpailutusvaiheessa mukana oli vain paneeli."},
        "suitable_methods": {"rating": "yes", "note": "Kyselyt myös paperilla A-klinikan aulassa."},
        "transferable": {"rating": "partly", "note": ""},
        "staff_trained": {"rating": "no", "note": "Koulutus on suunnitteilla ensi vuodelle."},
        "responsibility_clear": {"rating": "yes", "note": "Päätökset tekee vastuuvirkailija."},
        "metrics": {"rating": "partly", "note": "Kaksi mittaria käytössä, asiakaskokemus puuttuu vielä."},
        "aim": {"rating": "yes", "note": "Paremmat palvelut ja osallisuus."},
        "initiative": {"rating": "yes", "note": ""},
        "roles": {"rating": "partly", "note": "Vertaisten rooli ohjausryhmässä tarkentuu."},
        "phase": {"rating": "yes", "note": ""},
        "methods": {"rating": "yes", "note": ""},
        "equal": {"rating": "partly", "note": "Nuoria tavoitettiin vähän."},
    })

    espoo = users["espoo"]
    _peer_survey(espoo, housing, t("Miten asumisen tuki on auttanut sinua?", "Hur har boendestödet hjälpt dig?",
                                   "How has the housing support helped you?"),
                 {"homeless": 8, "mental_health": 5})
    participation.create_insight(espoo, housing, {"statement": t(
        "Asukkaat toivovat tukea myös iltaisin ja viikonloppuisin.",
        "De boende önskar stöd även på kvällar och veckoslut.",
        "Residents want support in the evenings and at weekends too.")})
    start = services.create_experience_survey(espoo, housing, "contract", "before")
    _answer(start, EARLY[:6])
    participation.close_survey(espoo, start.survey)
    now = services.create_experience_survey(espoo, housing, "contract", "during")
    _answer(now, LATER[:7])
    participation.close_survey(espoo, now.survey)
    services.save_self_assessment(espoo, housing, {
        "users_heard": {"rating": "yes", "note": "Asukkaat mukana allianssin kehittämisryhmässä."},
        "every_phase": {"rating": "partly", "note": "Valmisteluvaiheessa kuultiin järjestöjä, ei asukkaita."},
        "suitable_methods": {"rating": "yes", "note": "Tapaamiset asumisyksiköissä."},
        "responsibility_clear": {"rating": "yes", "note": "Allianssin johtoryhmän päätökset vahvistaa virkailija."},
        "metrics": {"rating": "yes", "note": "Asumisen pysyvyys ja palveluun pääsy kuukausittain."},
        "aim": {"rating": "yes", "note": "Asunnottomuuden vähentäminen."},
        "roles": {"rating": "yes", "note": ""},
        "equal": {"rating": "partly", "note": "Nuorten aikuisten ääni kuului vähemmän."},
    })
