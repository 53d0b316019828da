"""Staff correct and remove contract records entered by mistake: audited, permission-checked,
and a KRA or indicator with results, or a member with a history, stays."""

from datetime import date

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import ContractDocument, Indicator, Kra, SteeringMember

from .. import factories
from .conftest import decision_data


def test_a_document_is_corrected_and_removed_with_an_audit_entry(client, official, contract):
    document = services.add_document(official, contract, {"title": "Sopimus", "url": "https://example.org/a.pdf"})
    client.force_login(official)
    response = client.post(f"/documents/{document.pk}/edit/", {"title": "Sopimus (allekirjoitettu)",
                                                               "url": "https://example.org/b.pdf"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.url) == ("Sopimus (allekirjoitettu)", "https://example.org/b.pdf")
    edit = AuditEntry.objects.get(action="contracts.contractdocument_edit")
    assert edit.before["title"] == "Sopimus" and edit.after["title"] == "Sopimus (allekirjoitettu)"
    assert client.get(f"/documents/{document.pk}/remove/").status_code == 200
    assert client.post(f"/documents/{document.pk}/remove/").status_code == 302
    assert not ContractDocument.objects.exists()
    assert AuditEntry.objects.get(action="contracts.contractdocument_remove").before["url"] == "https://example.org/b.pdf"


def test_a_kra_with_results_cannot_be_removed_and_says_why(client, official, contract, indicator):
    services.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-01", "75"]],
                                 source="ui")
    client.force_login(official)
    response = client.post(f"/kras/{indicator.kra.pk}/remove/")
    assert response.status_code == 409
    assert "tuloksia" in response.content.decode()
    assert Kra.objects.filter(pk=indicator.kra.pk).exists() and indicator.measurements.count() == 1
    # The indicator's definition is frozen too, but the KRA's name can still be corrected.
    frozen = client.post(f"/indicators/{indicator.pk}/edit/", {
        "code": "pysyvyys", "name_fi": "Uusi nimi", "unit": "percent", "direction": "higher_is_better", "minimum": "60",
        "target": "75", "excellent": "90", "frequency": "monthly", "data_source": "register"})
    assert frozen.status_code == 422 and "on jo ilmoitettu tuloksia" in frozen.content.decode()
    assert Indicator.objects.get().minimum == 70
    response = client.post(f"/kras/{indicator.kra.pk}/edit/", {"name_fi": "Pysyvä asuminen", "weight": "0.5"})
    assert response.status_code == 302
    assert Kra.objects.get(pk=indicator.kra.pk).name["fi"]["text"] == "Pysyvä asuminen"


def test_a_kra_and_indicator_without_results_are_corrected_and_removed(client, official, contract, indicator):
    client.force_login(official)
    fields = {"code": "pysyvyys", "name_fi": "Asuu omassa kodissa", "unit": "percent", "direction": "higher_is_better",
              "minimum": "60", "target": "75", "excellent": "90", "frequency": "quarterly", "data_source": "register"}
    assert client.post(f"/indicators/{indicator.pk}/edit/", {**fields, "minimum": "80"}).status_code == 422
    assert client.post(f"/indicators/{indicator.pk}/edit/", fields).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.minimum, indicator.frequency) == (60, "quarterly")
    assert client.post(f"/kras/{indicator.kra.pk}/remove/").status_code == 302
    assert not Indicator.objects.exists() and not Kra.objects.exists()


def test_a_member_with_a_position_stays_but_one_added_by_mistake_goes(client, official, contract, client_rep):
    mistake = services.add_member(official, contract, {
        "name": "Väärä Henkilö", "role": "peer", "organisation": None, "user": None, "term_starts": date(2025, 1, 1),
        "term_ends": None, "deputy_for": None})
    decision = services.record_decision(official, contract, decision_data(official))
    services.record_position(official, decision, {"member": client_rep, "position": "supports", "view": ""})
    client.force_login(official)
    assert client.post(f"/steering-members/{client_rep.pk}/remove/").status_code == 409
    assert client.post(f"/steering-members/{mistake.pk}/remove/").status_code == 302
    assert list(SteeringMember.objects.values_list("name", flat=True)) == ["Anna Kokemus"]
    response = client.post(f"/steering-members/{client_rep.pk}/edit/", {
        "name": "Anna Kokemus", "role": "client_representative", "term_starts": "2025-01-01", "term_ends": "2025-12-31"})
    assert response.status_code == 302
    assert SteeringMember.objects.get().term_ends == date(2025, 12, 31)


def test_a_published_meeting_stays_and_others_may_not_correct(client, official, contract, meeting, provider):
    services.publish_agenda(official, meeting)
    client.force_login(official)
    assert client.post(f"/meetings/{meeting.pk}/remove/").status_code == 409
    client.force_login(factories.UserFactory(organisation=provider, position="representative"))
    assert client.get(f"/meetings/{meeting.pk}/edit/").status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/remove/").status_code == 403
