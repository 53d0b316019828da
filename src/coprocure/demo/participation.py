"""Demo participation: a plan and activities for the older-people's procurement, and one
anonymous survey with answers from online, paper and phone, written through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coprocure.core.models import Procurement, User
from coprocure.participation import services

from .procurements import t


def older_people(official: User, staff: User, procurement: Procurement) -> None:
    now = timezone.now()
    services.save_plan(official, procurement, {
        "aims": ["participation_wellbeing", "better_services"],
        "initiative": t("Vanhusneuvosto ehdotti kuulemista.", "Äldrerådet föreslog hörandet.", "The council for older people proposed the hearing."),
        "participant_roles": t(
            "Ikääntyneet ja heidän läheisensä kertovat, mikä auttaa asumaan kotona. Kokemusasiantuntijat auttavat kyselyn kanssa.",
            "Äldre och deras närstående berättar vad som hjälper dem att bo hemma. Erfarenhetsexperter hjälper till med enkäten.",
            "Older people and their relatives tell what helps them live at home. Experts by experience help with the survey.",
        ),
        "phases": ["preparation", "contract"],
        "methods": t("Kysely, asiakasraati ja kotikäynnit.", "Enkät, klientpanel och hembesök.", "A survey, a customer panel and home visits."),
        "plain_summary": t(
            "Kysymme ikääntyneiltä, mikä auttaa asumaan kotona. Voit vastata verkossa, paperilla tai puhelimessa.",
            "Vi frågar äldre vad som hjälper dem att bo hemma. Du kan svara på nätet, på papper eller per telefon.",
            "We ask older people what helps them live at home. You can answer online, on paper or by phone.",
        ),
        "reach": {"older_people": 200, "relatives": 50},
        "accountable_official": official,
        "k_threshold": 5,
    })
    services.create_activity(staff, procurement, {
        "kind": "customer_panel", "phase": "preparation",
        "title": t("Asiakasraati palvelukeskuksessa", "Klientpanel på servicecentralen", "Customer panel at the service centre"),
        "plain_summary": t("Tule kertomaan kahvin äärellä, mikä auttaa arjessa.", "Kom och berätta över en kopp kaffe vad som hjälper i vardagen.", "Come and tell us over coffee what helps in daily life."),
        "starts_at": now + timedelta(days=10), "ends_at": now + timedelta(days=10, hours=2),
        "place": "Palvelukeskus Kotikulma, Tampere", "setting": "service_centre",
        "step_free": True, "induction_loop": True, "plain_language": True, "languages": ["fi", "sv"], "capacity": 20,
    })
    services.create_activity(staff, procurement, {
        "kind": "discussion_event", "phase": "preparation",
        "title": t("Kotikäynnit yksin asuville", "Hembesök hos ensamboende", "Home visits to people living alone"),
        "starts_at": now + timedelta(days=14), "setting": "home_visit", "plain_language": True, "interpreter": True,
        "languages": ["fi"],
    })
    survey_activity = services.create_activity(staff, procurement, {
        "kind": "survey", "phase": "preparation",
        "title": t("Kysely: kotona asuminen", "Enkät: att bo hemma", "Survey: living at home"),
        "setting": "online", "plain_language": True, "languages": ["fi", "sv", "en"],
    })
    survey = services.create_survey(staff, survey_activity, {
        "title": t("Mikä auttaa sinua asumaan kotona?", "Vad hjälper dig att bo hemma?", "What helps you live at home?"),
        "intro": t("Vastaaminen vie noin 3 minuuttia.", "Det tar cirka 3 minuter att svara.", "Answering takes about 3 minutes."),
        "opens_at": now - timedelta(days=7), "closes_at": now + timedelta(days=60), "mode": "anonymous", "k_threshold": 5,
    })
    rating = services.add_question(staff, survey, {
        "kind": "likert", "required": True,
        "text": t("Miten hyvin saat nyt apua kotiin?", "Hur bra får du hjälp hem nu?", "How well do you get help at home now?"),
    })
    helps = services.add_question(staff, survey, {
        "kind": "multiple", "allow_other": True,
        "text": t("Mikä auttaisi eniten?", "Vad skulle hjälpa mest?", "What would help most?"),
        "choices": t("Apu kauppa-asioissa\nSeura ja juttelu\nApu siivouksessa",
                     "Hjälp med att handla\nSällskap och samtal\nHjälp med städning",
                     "Help with shopping\nCompany and conversation\nHelp with cleaning"),
    })
    words = services.add_question(staff, survey, {
        "kind": "text", "text": t("Mitä muuta haluat sanoa?", "Vad mer vill du säga?", "What else would you like to say?"),
    })
    answers = [
        ("online", 4, ["1", "2"], "Bussi palvelukeskukseen on tärkeä."),
        ("online", 3, ["2"], ""),
        ("online", 5, ["1"], "Soittakaa minulle 040 123 4567."),
        ("online", 4, ["2", "3"], ""),
        ("online", 2, ["3"], "Yksinäisyys on pahinta."),
        ("online", 4, ["1", "2"], ""),
        ("paper", 3, ["2"], "Paperilla on helpompi vastata."),
        ("paper", 4, ["1", {"choice": "other", "text": "Lumityöt"}], ""),
        ("paper", 5, ["2"], ""),
        ("phone", 2, ["1", "3"], "En pääse itse kauppaan."),
        ("phone", 3, ["2"], ""),
    ]
    for channel, score, chosen, text in answers:
        services.submit_response(
            survey, {rating.key: score, helps.key: chosen, words.key: text}, channel=channel,
            entered_by=None if channel == "online" else staff, background={"target_group": "older_people"},
        )
