"""Issue 18 item 4 through the running service: the public figures (the equality monitor's page
and API, the evaluation's ledger, the comparison, the open data) are computed from the stored
publication, so an attacker who reads them before and after its own answer, or a few, learns
nothing; the publication moves when every count has moved by none or by at least k."""

from django.core.management import call_command

from coprocure.audit.models import AuditEntry
from coprocure.interop.ocds.export import evaluations
from coprocure.participation import services
from coprocure.participation.models import Activity, Publication

from .. import factories
from ..domain.counts_attacker import attack
from ..evaluation.test_ledger_and_monitor import answers, read
from .test_api_and_pages import post


def procurement_heard(official, procurement):
    """Fourteen older people and six relatives said who they are; four did not (hidden: fewer
    than k = 5, and the named total that would tell them is shown)."""
    services.save_plan(official, procurement, {
        "aims": ["better_services"], "participant_roles": factories.text("Asiakkaat"),
        "methods": factories.text("Kysely"), "phases": ["preparation"], "k_threshold": 5,
        "reference_shares": {"older_people": "60", "relatives": "40"}})
    answers(official, procurement, "preparation", "survey", "online", {"older_people": 14, "relatives": 6, "": 4})
    return Activity.objects.get(procurement=procurement).surveys.get()


def own_answer(client, survey, group: str = "") -> None:
    """One answer through the public answering API, as anyone would send it."""
    question = survey.questions.get()
    sent = post(client, survey, {"answers": {question.key: 3}, "target_group": group})
    assert sent.status_code == 201, sent.content


def public(client, procurement) -> dict:
    return {"monitor": client.get(f"/api/v1/procurements/{procurement.pk}/equality").json(),
            "evaluation": client.get(f"/api/v1/procurements/{procurement.pk}/evaluation").json()["ledger"],
            "compare": [row for row in client.get("/api/v1/evaluation/compare").json()
                        if row["procurement"] == procurement.pk]}


def test_ones_own_answer_read_before_and_after_tells_nothing(client, official, procurement, reference_data):
    survey = procurement_heard(official, procurement)
    before, shown = read(client, procurement), public(client, procurement)
    assert shown["monitor"]["phases"][0]["unstated"] is None and shown["monitor"]["phases"][0]["total"] == 20
    own_answer(client, survey)  # the fifth who did not say: live, the hidden four would now show as five
    after = read(client, procurement)
    assert public(client, procurement) == shown  # every public figure is the same publication
    assert attack(before, after, added=[1], at_least=True) == {}
    # The live pages gave it away: the staff's monitor (not public) shows the five.
    client.force_login(official)
    live = client.get(f"/api/v1/procurements/{procurement.pk}/participation/equality").json()
    assert live["live"] and live["phases"][0]["unstated"] == 5 and not shown["monitor"]["live"]


def test_a_few_answers_and_the_periodic_job_move_nothing_k_answers_do(client, official, procurement, reference_data):
    survey = procurement_heard(official, procurement)
    first = read(client, procurement)
    shown = public(client, procurement)
    published_at = Publication.objects.get(procurement=procurement).published_at
    for _ in range(3):
        own_answer(client, survey)
        call_command("publish-participation")  # the clock's job: the cell moved by fewer than k
        assert public(client, procurement) == shown
    assert Publication.objects.get(procurement=procurement).published_at == published_at
    assert evaluations([procurement])[procurement.pk]["participations"] is None  # the open data: the same publication
    assert not AuditEntry.objects.filter(action="participation.publication_move").exclude(
        after__published_at=published_at.isoformat()).exists()
    # Two more, from others: the cell has moved by five, and the job publishes it.
    answers(official, procurement, "preparation", "survey", "online", {"": 2})
    call_command("publish-participation")
    moved = public(client, procurement)
    assert moved["monitor"]["phases"][0]["unstated"] == 9 and moved["evaluation"]["participations"] == 29
    assert moved["compare"][0]["participations"] == 29
    assert evaluations([procurement])[procurement.pk]["participations"] == 29
    # What the attacker's own three did is hidden among the five.
    assert attack(first, read(client, procurement), added=[3], at_least=True) == {}
    assert AuditEntry.objects.filter(action="participation.publication_move", actor=None).count() == 1
    first = AuditEntry.objects.get(action="participation.publication_first")
    assert first.after["procurements"] == [procurement.pk] and set(first.after) == {"procurements", "published_at"}


def test_staff_publish_on_demand_with_the_same_rule(client, official, procurement, reference_data):
    survey = procurement_heard(official, procurement)
    shown = public(client, procurement)
    own_answer(client, survey, "relatives")
    client.force_login(official)
    url = f"/api/v1/procurements/{procurement.pk}/participation/publication"
    refused = client.post(url)
    assert refused.status_code == 200 and refused.json()["moved"] is False
    page = client.post(f"/en/procurements/{procurement.pk}/participation/publication/", follow=True)
    assert "The public figures stay as they were" in page.content.decode()
    client.logout()
    assert public(client, procurement) == shown
    answers(official, procurement, "preparation", "survey", "online", {"relatives": 4})
    client.force_login(official)
    published = client.post(url)
    assert published.status_code == 200 and published.json()["moved"] is True
    entry = AuditEntry.objects.filter(action="participation.publication_move").latest("sequence")
    assert entry.actor == official and set(entry.after) == {"published_at"}  # never the counts themselves
    client.logout()
    groups = {g["code"]: g["participants"] for g in public(client, procurement)["monitor"]["overall"]["groups"]}
    assert groups["relatives"] == 11


def test_a_public_reader_never_sees_the_live_figures_nor_publishes(client, official, procurement, reference_data):
    procurement_heard(official, procurement)
    reader = factories.UserFactory()
    client.force_login(reader)
    page = client.get(f"/en/procurements/{procurement.pk}/equality/").content.decode()
    assert "Figures published" in page and "Live – not public" not in page and "Publish the counts now" not in page
    report = client.get(f"/en/procurements/{procurement.pk}/evaluation/").content.decode()
    assert "Figures published" in report and "Live – not public" not in report
    assert client.get(f"/procurements/{procurement.pk}/participation/equality/").status_code == 403
    assert client.post(f"/api/v1/procurements/{procurement.pk}/participation/publication").status_code == 403
    assert client.post(f"/procurements/{procurement.pk}/participation/publication/").status_code == 403
    # Another procurement's id changes nothing: a private one is not even revealed.
    hidden = factories.create_procurement(official, is_public=False)
    assert client.post(f"/api/v1/procurements/{hidden.pk}/participation/publication").status_code == 404
    assert not Publication.objects.filter(procurement=hidden).exists()
    client.force_login(official)
    staff = client.get(f"/en/procurements/{procurement.pk}/participation/equality/").content.decode()
    assert "Live – not public" in staff and "Publish the counts now" in staff
    assert "Live – not public" in client.get(f"/en/procurements/{procurement.pk}/evaluation/").content.decode()
