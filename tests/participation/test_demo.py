from collections import Counter

from django.core.management import call_command

from coprocure.participation.models import (
    Activity, Answer, AnswerBatch, Contribution, Insight, Registration, Response, Survey,
)


def older_people_survey() -> Survey:
    """The older-people procurement's survey; other demo procurements have surveys of their own,
    and a contract's user-reported indicator has its monthly rounds."""
    return Survey.objects.get(activity__procurement__participation_plan__isnull=False, indicator_rounds__isnull=True)


def test_demo_has_a_plan_activities_and_an_anonymous_survey_answered_in_three_channels(db, capsys):
    call_command("demo")
    survey = older_people_survey()
    assert survey.mode == "anonymous"
    assert Counter(Response.objects.filter(survey=survey).values_list("channel", flat=True)) == {"online": 11, "paper": 3, "phone": 2}
    assert sorted(AnswerBatch.objects.filter(survey=survey).values_list("channel", "answer_count")) == [("paper", 3), ("phone", 2)]
    assert not Response.objects.filter(participant__isnull=False).exists()
    assert Answer.objects.filter(redacted=True).count() == 1
    assert Activity.objects.filter(setting__in=["service_centre", "home_visit"]).count() == 2
    assert survey.activity.procurement.participation_plan.reach == {"older_people": 200, "relatives": 50}


def test_demo_shows_insights_an_equality_chart_a_promoted_waiting_list_and_paid_expert_work(client, db, capsys):
    call_command("demo")
    procurement = older_people_survey().activity.procurement
    assert Counter(Insight.objects.filter(procurement=procurement).values_list("status", flat=True)) == {
        "taken_up": 2, "not_taken_up": 1}
    page = client.get(f"/en/procurements/{procurement.pk}/you-said-we-did/").content.decode()
    assert "Loneliness weighs on many" in page and "property maintenance" in page
    assert "Yksinäisyys on pahinta." in page and "En pääse itse kauppaan." in page
    assert Counter(Registration.objects.values_list("status", flat=True)) == {"confirmed": 2, "cancelled": 1}
    promoted = Registration.objects.get(participant__username="asukas")
    assert promoted.status == "confirmed" and promoted.needs
    client.force_login(procurement.accountable_official)
    monitor = client.get(f"/en/procurements/{procurement.pk}/participation/equality/").context["monitor"]
    flagged = {row["code"] for row in monitor["overall"]["groups"] if row["flagged"]}
    assert flagged == {"immigrants"}
    assert Contribution.objects.get().person.username == "kokemus"


def test_demo_you_said_we_did_follows_insights_to_objectives_and_criteria(client, db, capsys):
    call_command("demo")
    substance_abuse = Insight.objects.filter(objectives__isnull=False).first().procurement
    page = client.get(f"/procurements/{substance_abuse.pk}/you-said-we-did/").content.decode()
    assert "Otettu huomioon" in page
    assert "Muuttui tavoitteeksi" in page and "Muuttui laatukriteeriksi" in page
    assert "Asiakas kuuluu yhteisöön ja saa vertaistukea joka päivä." in page


def test_participation_page_links_to_its_own_you_said_we_did_page(client, db, capsys):
    call_command("demo")
    procurement = older_people_survey().activity.procurement
    page = client.get(f"/procurements/{procurement.pk}/participation/").content.decode()
    assert f'href="/procurements/{procurement.pk}/you-said-we-did/"' in page
