from collections import Counter

from django.core.management import call_command

from coprocure.participation.models import Activity, Answer, Response, Survey


def test_demo_has_a_plan_activities_and_an_anonymous_survey_answered_in_three_channels(db, capsys):
    call_command("demo")
    survey = Survey.objects.get()
    assert survey.mode == "anonymous"
    assert Counter(Response.objects.values_list("channel", flat=True)) == {"online": 6, "paper": 3, "phone": 2}
    assert not Response.objects.filter(participant__isnull=False).exists()
    assert Answer.objects.filter(redacted=True).count() == 1
    assert Activity.objects.filter(setting__in=["service_centre", "home_visit"]).count() == 2
    assert survey.activity.procurement.participation_plan.reach == {"older_people": 200, "relatives": 50}
