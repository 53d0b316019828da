"""Staff build a survey in the browser, open it, and a person answers it from the public link."""

import pytest

from coprocure.participation import codes, services
from coprocure.participation.models import Answer, Question, Response

from .. import factories
from ..participation.conftest import keys, make_survey
from .conftest import sign_in
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def add_question(page, kind: str, fi: str, sv: str, *, required=False, choices=None, other=False, limits=None):
    page.locator("#id_kind").select_option(label=kind)
    page.locator("[name=text_fi]").fill(fi)
    page.locator("[name=text_sv]").fill(sv)
    if required:
        page.locator("#id_required").check()
    if choices:
        page.locator("[name=choices_fi]").fill("\n".join(choices[0]))
        page.locator("[name=choices_sv]").fill("\n".join(choices[1]))
    if other:
        page.locator("#id_allow_other").check()
    if limits:
        page.locator("#id_minimum").fill(str(limits[0]))
        page.locator("#id_maximum").fill(str(limits[1]))
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Kysymys lisättiin.").wait_for()


def test_staff_build_and_open_a_survey_that_is_answered_from_its_public_link(page, phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely kotihoidosta"), "setting": "online",
    })
    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/participation/")
    page.get_by_role("link", name="Lisää kysely").click()
    page.locator("[name=title_fi]").fill("Miten kotihoito toimii?")
    page.locator("[name=title_sv]").fill("Hur fungerar hemvården?")
    # Opening later: staff open it themselves once the questions are ready.
    page.locator("#id_opens_at").fill("2030-01-01T09:00")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("heading", name="Lisää kysymys").wait_for()
    # Opening an empty survey is refused: people would find an empty form.
    page.get_by_role("button", name="Avaa kysely nyt").click()
    page.get_by_text("Lisää ainakin yksi kysymys ennen kuin avaat kyselyn.").wait_for()

    add_question(page, "Asteikko 1–5", "Miten arvioit kotihoidon?", "Hur bedömer du hemvården?", required=True)
    add_question(page, "Yksi vaihtoehto", "Miten liikut?", "Hur tar du dig fram?",
                 choices=(["Bussilla", "Autolla"], ["Med buss", "Med bil"]), other=True)
    add_question(page, "Useita vaihtoehtoja", "Mitä palveluja käytät?", "Vilka tjänster använder du?",
                 choices=(["Ateria", "Siivous"], ["Måltid", "Städning"]), required=True)
    add_question(page, "Luku", "Montako käyntiä viikossa?", "Hur många besök per vecka?", limits=(0, 30))
    add_question(page, "Vapaa teksti", "Mitä muuta haluat sanoa?", "Vad mer vill du säga?")
    questions = page.get_by_role("region", name="Miten kotihoito toimii?").get_by_role("listitem")
    assert questions.count() == 5
    assert [q.required for q in Question.objects.order_by("ordering")] == [True, False, True, False, False]

    page.get_by_role("button", name="Avaa kysely nyt").click()
    page.get_by_text("Kysely on auki: kuka tahansa linkin saanut voi nyt vastata.").first.wait_for()
    page.get_by_role("link", name="Jaa: linkki, QR-koodi ja paperilomake").click()
    link = page.get_by_label("Julkinen linkki").input_value()
    path = "/surveys/" + link.split("/surveys/", 1)[1]

    # The Swedish page shows the Swedish texts.
    phone.goto(f"{live_server.url}/sv{path}")
    phone.get_by_role("heading", name="Hur fungerar hemvården?").wait_for()
    assert phone.get_by_role("group", name="2. Hur tar du dig fram?").get_by_label("Med bil").count() == 1

    phone.goto(f"{live_server.url}{path}")
    phone.get_by_role("heading", name="Miten kotihoito toimii?").wait_for()
    assert phone.get_by_role("group", name="1. Miten arvioit kotihoidon? (pakollinen)").count() == 1
    assert phone.get_by_role("group", name="2. Miten liikut?").count() == 1  # optional: no "required"
    phone.get_by_role("group", name="1. Miten arvioit kotihoidon? (pakollinen)").get_by_label("5 – Erittäin hyvä").check()
    phone.get_by_role("button", name="Lähetä vastaukset").click()
    phone.locator("#error-summary").wait_for()
    assert "Mitä palveluja käytät?" in phone.locator("#error-summary").inner_text()
    phone.get_by_role("group", name="3. Mitä palveluja käytät? (pakollinen)").get_by_label("Siivous").check()
    phone.get_by_role("group", name="2. Miten liikut?").get_by_label("Jokin muu", exact=True).check()
    phone.get_by_label("Jokin muu, mikä?").fill("Kävellen")
    phone.get_by_label("4. Montako käyntiä viikossa?").fill("3")
    phone.get_by_label("5. Mitä muuta haluat sanoa?").fill("Kiitos hoitajille")
    phone.get_by_role("button", name="Lähetä vastaukset").click()
    phone.get_by_role("heading", name="Kiitos vastauksistasi!").wait_for()

    response = Response.objects.get()
    assert (response.channel, response.participant) == ("online", None)
    values = {answer.question.kind: answer.value for answer in Answer.objects.select_related("question")}
    assert values == {"likert": 5, "single": {"choice": "other", "text": "Kävellen"}, "multiple": ["2"], "number": 3,
                      "text": "Kiitos hoitajille"}


def test_share_door_and_publication_pages_stay_accessible(page, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely"), "setting": "online"})
    survey = make_survey(official, activity)
    likert, *_rest, text = keys(survey)
    for number in range(5):
        services.submit_response(survey, {likert: 4, text: f"Vastaus {number}: kotihoito tulee myöhässä"},
                                 background={"target_group": "older_people"})
    published = services.publish_answer(official, survey.questions.get(kind="text"), "Vastaus 3: kotihoito tulee myöhässä")
    services.redact_published_answer(official, published, {"start": 0, "end": 10, "reason": "off_topic"})
    event = services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Ilta"), "setting": "drop_in",
        "registration": True, "capacity": 5})
    services.register(official, event, {"needs": "Tarvitsen tulkin"})
    code, _until = codes.activity_code(event)
    sign_in(page, live_server, official.username)
    for path in (f"/surveys/{survey.pk}/share/", f"/questions/{published.question_id}/publish/",
                 f"/published-answers/{published.pk}/redactions/", f"/procurements/{procurement.pk}/you-said-we-did/",
                 f"/procurements/{procurement.pk}/equality/", f"/activities/{event.pk}/door/",
                 f"/activities/{event.pk}/register/", f"/activities/{event.pk}/check-in/{code}/",
                 f"/activities/{event.pk}/roster/", f"/surveys/{survey.pk}/questions/"):
        page.goto(f"{live_server.url}{path}")
        assert serious(page) == [], path
    assert "[poistettu moderoinnissa: ei liity aiheeseen]" in page.goto(
        f"{live_server.url}/procurements/{procurement.pk}/you-said-we-did/").text()
