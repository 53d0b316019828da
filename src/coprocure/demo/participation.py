"""Demo participation for the older-people's procurement, written through the services: a
plan with reference shares, activities, an anonymous survey answered online and in paper and
phone batches, insights on the "you said, we did" page, a customer panel whose waiting list
promoted someone, and an expert by experience's paid work."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from decimal import Decimal

from coprocure.core import services as core_services
from coprocure.core.models import Procurement, TargetGroup, User
from coprocure.participation import services
from coprocure.participation.models import Registration

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
        "reference_population": t("Kotihoidon asiakkaat ja heidän omaisensa 2025", "Hemvårdens klienter och deras anhöriga 2025",
                                  "Home-care clients and their relatives in 2025"),
        "reference_shares": {"older_people": "70", "relatives": "20", "immigrants": "10"},
        "accountable_official": official,
        "k_threshold": 5,
    })
    panel = services.create_activity(staff, procurement, {
        "kind": "customer_panel", "phase": "preparation",
        "title": t("Asiakasraati palvelukeskuksessa", "Klientpanel på servicecentralen", "Customer panel at the service centre"),
        "plain_summary": t("Tule kertomaan kahvin äärellä, mikä auttaa arjessa.", "Kom och berätta över en kopp kaffe vad som hjälper i vardagen.", "Come and tell us over coffee what helps in daily life."),
        "starts_at": now + timedelta(days=10), "ends_at": now + timedelta(days=10, hours=2),
        "place": "Palvelukeskus Kotikulma, Tampere", "setting": "service_centre",
        "step_free": True, "induction_loop": True, "plain_language": True, "languages": ["fi", "sv"], "capacity": 2,
        "registration": True, "confirmation_hours": 48,
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
        (4, ["1", "2"], "Bussi palvelukeskukseen on tärkeä."),
        (3, ["2"], ""),
        (5, ["1"], "Soittakaa minulle 040 123 4567."),
        (4, ["2", "3"], ""),
        (2, ["3"], "Yksinäisyys on pahinta."),
        (4, ["1", "2"], ""),
    ]
    for score, chosen, text in answers:
        services.submit_response(survey, {rating.key: score, helps.key: chosen, words.key: text},
                                 background={"target_group": "older_people"})
    for score, chosen in [(3, ["2"]), (4, ["1"]), (2, ["2", "3"]), (4, ["3"]), (3, ["1", "2"])]:
        services.submit_response(survey, {rating.key: score, helps.key: chosen}, background={"target_group": "relatives"})
    users = User.objects.in_bulk(["kokemus", "vertainen", "asiakas", "omainen", "asukas"], field_name="username")
    core_services.assign_role(official, procurement, users["kokemus"], "expert_by_experience")
    core_services.assign_role(official, procurement, users["vertainen"], "peer")
    # A peer types in the paper forms collected at the service centre; staff the phone interviews.
    services.enter_batch(users["vertainen"], survey, "paper", "Palvelukeskus Kotikulma", [
        {"answers": {rating.key: 3, helps.key: ["2"], words.key: "Paperilla on helpompi vastata."},
         "target_group": "older_people"},
        {"answers": {rating.key: 4, helps.key: ["1", {"choice": "other", "text": "Lumityöt"}]}, "target_group": "older_people"},
        {"answers": {rating.key: 5, helps.key: ["2"]}, "target_group": "older_people"},
    ])
    services.enter_batch(staff, survey, "phone", "", [
        {"answers": {rating.key: 2, helps.key: ["1", "3"], words.key: "En pääse itse kauppaan."},
         "target_group": "older_people"},
        {"answers": {rating.key: 3, helps.key: ["2"]}, "target_group": "older_people"},
    ])
    # Five people wrote something, so answers may be shown: staff choose two for "you said, we did".
    services.publish_answer(staff, words, "Yksinäisyys on pahinta.")
    services.publish_answer(staff, words, "En pääse itse kauppaan.")
    _waiting_list(panel, users)
    _insights(official, staff, procurement, panel, survey_activity, helps, words)
    services.record_contribution(staff, panel, {
        "person": users["kokemus"], "hours": Decimal("3.5"), "fee": Decimal("120.00"), "travel_cost": Decimal("12.40"),
        "work": "Suunnitteli raadin kysymykset ja veti keskustelua.",
    })


def _waiting_list(panel, users: dict[str, User]) -> None:
    """Two places: the third person waits, a cancellation offers them the place, they confirm."""
    services.register(users["asiakas"], panel, {"dietary": "laktoositon", "target_group": "older_people"})
    relative = services.register(users["omainen"], panel, {"target_group": "relatives", "assistance": True})
    waiting = services.register(users["asukas"], panel, {
        "target_group": "older_people", "needs": "Kuulen huonosti, haluaisin istua edessä.",
    })
    services.cancel_registration(users["omainen"], relative)
    services.confirm_registration(users["asukas"], Registration.objects.get(pk=waiting.pk))


def _insights(official, staff, procurement, panel, survey_activity, helps, words) -> None:
    loneliness = services.create_insight(staff, procurement, {
        "statement": t("Yksinäisyys painaa monia kotona asuvia ikääntyneitä enemmän kuin arjen askareet.",
                       "Ensamhet tynger många äldre som bor hemma mer än vardagssysslorna.",
                       "Loneliness weighs on many older people living at home more than daily chores."),
        "plain_summary": t("Moni on yksinäinen.", "Många är ensamma.", "Many people are lonely."),
        "activity": survey_activity, "question": words,
        "excerpts": ["Yksinäisyys on pahinta."], "themes": ["yksinäisyys"], "target_groups": _groups("older_people"),
    })
    services.decide_insight(official, loneliness, "taken_up", {})
    shopping = services.create_insight(staff, procurement, {
        "statement": t("Apu kauppa-asioissa on yleisin toive.", "Hjälp med att handla är den vanligaste önskan.",
                       "Help with shopping is the most common wish."),
        "activity": survey_activity, "question": helps, "excerpts": ["En pääse itse kauppaan."],
        "themes": ["asiointi"], "target_groups": _groups("older_people", "relatives"),
    })
    services.decide_insight(official, shopping, "taken_up", {})
    snow = services.create_insight(staff, procurement, {
        "statement": t("Lumityöt pihalla ovat monelle ylivoimaisia.", "Snöröjningen på gården är övermäktig för många.",
                       "Clearing snow in the yard is too much for many."),
        "activity": panel, "excerpts": ["Lumityöt"], "themes": ["asuminen"], "target_groups": _groups("older_people"),
    })
    services.decide_insight(official, snow, "not_taken_up", t(
        "Lumityöt kuuluvat kiinteistön ylläpitoon, eivät kotihoidon hankintaan. Välitimme toiveen kaupungin asumispalveluille.",
        "Snöröjning hör till fastighetsskötseln, inte till upphandlingen av hemvård. Vi förmedlade önskan till stadens boendetjänster.",
        "Snow clearing belongs to property maintenance, not to the home-care procurement. We passed the wish on to the city's housing services.",
    ))


def _groups(*codes: str):
    return list(TargetGroup.objects.filter(code__in=codes))
