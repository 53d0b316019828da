from coprocure.core import gdpr
from coprocure.participation import services
from coprocure.participation.models import ParticipationPlan

from .. import factories
from .conftest import keys, make_survey


def plan_with_shares(official, procurement, **shares):
    return services.save_plan(official, procurement, {
        "aims": ["better_services"], "participant_roles": factories.text("Asiakkaat"), "methods": factories.text("Kysely"),
        "phases": ["preparation", "contract"], "k_threshold": 5,
        "reference_shares": {code: str(value) for code, value in shares.items()},
    })


def answer(survey, group, times):
    likert = keys(survey)[0]
    for _ in range(times):
        services.submit_response(survey, {likert: 4}, background={"target_group": group})


def test_staff_declare_reference_shares_in_the_plan(client, official, procurement, reference_data):
    client.force_login(official)
    base = {"aims": ["better_services"], "participant_roles_fi": "Asiakkaat", "methods_fi": "Kysely",
            "phases": ["preparation"], "k_threshold": "5"}
    refused = client.post(f"/en/procurements/{procurement.pk}/participation/plan/",
                          {**base, "share_older_people": "80", "share_relatives": "30"})
    assert refused.status_code == 422
    assert "at most 100 per cent" in refused.content.decode()
    saved = client.post(f"/procurements/{procurement.pk}/participation/plan/",
                        {**base, "share_older_people": "62.5", "share_relatives": "20"})
    assert saved.status_code == 302
    assert ParticipationPlan.objects.get().reference_shares == {"older_people": "62.5", "relatives": "20"}


def test_monitor_flags_groups_heard_too_little_per_phase_and_overall(client, official, procurement, activity,
                                                                     reference_data, django_assert_max_num_queries):
    plan_with_shares(official, procurement, older_people=50, relatives=20, immigrants=30)
    survey = make_survey(official, activity)
    answer(survey, "older_people", 14)
    answer(survey, "relatives", 6)
    answer(survey, "", 3)
    contract = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "contract", "title": factories.text("Seurantakysely"), "setting": "online"})
    later = make_survey(official, contract)
    answer(later, "immigrants", 10)
    client.force_login(official)
    with django_assert_max_num_queries(20):
        page = client.get(f"/en/procurements/{procurement.pk}/participation/equality/")
    assert page.status_code == 200
    monitor = page.context["monitor"]
    overall = {row["code"]: row for row in monitor["overall"]["groups"]}
    assert overall["older_people"]["share"] == 46.7 and not overall["older_people"]["flagged"]
    assert overall["relatives"]["ratio"] == 1.0 and overall["immigrants"]["ratio"] == 1.11
    preparation = {row["code"]: row for row in monitor["phases"][0]["groups"]}
    assert monitor["phases"][0]["code"] == "preparation"
    assert preparation["immigrants"]["participants"] == 0 and preparation["immigrants"]["flagged"]
    assert preparation["immigrants"]["suggestion"]["setting"] == "Service centre"
    assert monitor["overall"]["unstated"] is None  # three people did not say: fewer than k
    html = page.content.decode()
    assert '<svg class="chart" role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "under-represented" in html and "<table>" in html


def test_figures_come_from_snapshots_not_profiles(client, official, procurement, activity, reference_data):
    plan_with_shares(official, procurement, older_people=60, relatives=40)
    panel = make_survey(official, activity, mode="identified")
    people = [factories.UserFactory() for _ in range(6)]
    likert = keys(panel)[0]
    for person in people:
        services.submit_response(panel, {likert: 3}, participant=person, background={"target_group": "older_people"})
    client.force_login(official)
    url = f"/api/v1/procurements/{procurement.pk}/participation/equality"
    before = client.get(url).json()["phases"]
    # Later the same person takes part as a relative and changes their name.
    contract = services.create_activity(official, procurement, {
        "kind": "customer_panel", "phase": "contract", "title": factories.text("Raati"), "setting": "service_centre"})
    follow_up = make_survey(official, contract, mode="identified")
    services.submit_response(follow_up, {keys(follow_up)[0]: 3}, participant=people[0],
                             background={"target_group": "relatives"})
    people[0].last_name = "Muutettu"
    people[0].save()
    after = client.get(url).json()
    assert after["phases"][0] == before[0] and after["phases"][0]["phase"] == "preparation"
    groups = {row["code"]: row for row in after["phases"][0]["groups"]}
    assert groups["older_people"]["participants"] == 6
    assert groups["relatives"]["flagged"] and groups["relatives"]["suggested_setting"] == "online"
    # Then two of them ask for their data to be erased: the past phase's figures stay as they were.
    for person in people[:2]:
        gdpr.erase_person(person, person)
    assert client.get(url).json()["phases"][0] == before[0]


def test_monitor_is_for_the_procurements_staff(client, procurement):
    client.force_login(factories.UserFactory())
    assert client.get(f"/procurements/{procurement.pk}/participation/equality/").status_code == 403
    assert client.get(f"/api/v1/procurements/{procurement.pk}/participation/equality").status_code == 403



def test_the_public_equality_page_shows_the_same_suppressed_figures_to_everyone(client, official, procurement, activity,
                                                                              reference_data):
    plan_with_shares(official, procurement, older_people=50, relatives=50)
    survey = make_survey(official, activity)
    answer(survey, "older_people", 12)
    answer(survey, "relatives", 2)
    client.force_login(official)
    staff_monitor = client.get(f"/en/procurements/{procurement.pk}/participation/equality/").context["monitor"]
    client.logout()
    public = client.get(f"/en/procurements/{procurement.pk}/equality/")
    # Nothing changed since the first publication: the public figures are the staff's live ones.
    assert public.status_code == 200 and public.context["monitor"] == staff_monitor | {
        "live": False, "published_at": public.context["monitor"]["published_at"]}
    assert staff_monitor["live"] and public.context["monitor"]["published_at"] is not None
    rows = {row["code"]: row for row in public.context["monitor"]["overall"]["groups"]}
    # Two relatives is under k: hidden, and so is the older people's count that would reveal it.
    assert rows["relatives"]["participants"] is None and rows["older_people"]["participants"] is None
    html = public.content.decode()
    assert "<svg" in html and "<table>" in html and "hidden" in html
    api = client.get(f"/api/v1/procurements/{procurement.pk}/equality").json()
    assert {row["code"]: row["participants"] for row in api["overall"]["groups"]} == {"older_people": None, "relatives": None}
    detail = client.get(f"/procurements/{procurement.pk}/").content.decode()
    assert f'href="/procurements/{procurement.pk}/equality/"' in detail
