"""The demo's light-regime procedure (issue 21): the older people's home-care procurement composes
its own sequence — requests to participate from organisations and consortia, two negotiation
rounds with a reduction by announced criteria, final tenders — and publishes it before the
first stage opens."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coprocure.core.models import Procurement, User
from coprocure.procedures import services


def t(fi: str, sv: str, en: str) -> dict:
    return {"fi": {"text": fi, "origin": "human"}, "sv": {"text": sv, "origin": "human"},
            "en": {"text": en, "origin": "human"}}


def older_people(official: User, procurement: Procurement) -> None:
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=21)
    services.save_plan(official, procurement, {"reduction_criteria": t(
        "Ensimmäisen kierroksen jälkeen jatkoon pääsee enintään kaksi ehdokasta, joiden alustava tarjous saa eniten laatupisteitä.",
        "Efter den första omgången går högst två anbudssökande vidare, de vars preliminära anbud får flest kvalitetspoäng.",
        "After the first round at most two candidates go on: those whose initial bids score the most quality points.")})
    stages = []
    for number, (kind, days, reduces) in enumerate([("participation_requests", 30, False),
                                                    ("negotiation_round", 21, True),
                                                    ("negotiation_round", 21, False),
                                                    ("final_tenders", 21, False)]):
        opens = start if not stages else stages[-1].closes_at + timedelta(days=3)
        stages.append(services.add_stage(official, procurement, {
            "kind": kind, "opens_at": opens, "closes_at": opens + timedelta(days=days), "reduces_candidates": reduces}))
    call = services.save_call(official, stages[0], {"min_candidates": 2, "max_candidates": 3, "consortia_allowed": True})
    for text in (t("Kokemus ikääntyneiden kotihoidosta vähintään kolmelta vuodelta.",
                   "Erfarenhet av hemvård för äldre i minst tre år.",
                   "At least three years' experience of home care for older people."),
                 t("Palvelua voi saada suomeksi ja ruotsiksi.", "Tjänsten kan fås på finska och svenska.",
                   "The service is available in Finnish and Swedish.")):
        services.add_requirement(official, call, text)
    services.add_requirement(official, call, t(
        "Asiakkaiden ja omaisten osallistuminen palvelun kehittämiseen: kuvattu toimintatapa ja tulokset.",
        "Klienters och närståendes delaktighet i utvecklingen av tjänsten: beskrivet arbetssätt och resultat.",
        "How clients and relatives take part in developing the service: the way of working and its results."),
        criterion=True)
    services.publish(official, procurement)
