import json

from django.core.management import call_command

from coprocure.audit.services import verify
from coprocure.core.models import Procurement, User

from .. import factories


def test_person_downloads_everything_kept_about_them(client, procurement, official):
    official.email = "hanna@alue.invalid"
    official.save()
    client.force_login(official)
    response = client.get("/my/data/download/")
    assert response["Content-Disposition"] == 'attachment; filename="coprocure-my-data.json"'
    data = json.loads(response.content)
    assert data["profile"]["email"] == "hanna@alue.invalid"
    assert {"procurement": procurement.reference, "role": "official"} == {
        k: v for k, v in data["roles"][0].items() if k != "since"}
    assert data["recorded_actions"][0]["action"] == "procurement.create"


def test_erasing_anonymises_but_keeps_the_public_record(client, official):
    procurement = factories.create_procurement(official, accountable_official=official)
    official.email = "hanna@alue.invalid"
    official.save()
    client.force_login(official)
    refused = client.post("/my/data/", {})
    assert refused.status_code == 422 and User.objects.get(pk=official.pk).is_active

    response = client.post("/my/data/", {"confirm": "on"})
    assert response.status_code == 302
    erased = User.objects.get(pk=official.pk)
    assert (erased.username, erased.first_name, erased.last_name, erased.email) == (f"erased-{official.pk}", "", "", "")
    assert not erased.is_active and not erased.has_usable_password()
    # The procurement still names an accountable official: the anonymised account.
    assert Procurement.objects.get(pk=procurement.pk).accountable_official_id == official.pk
    assert verify() is None
    assert client.get("/my/").status_code == 302  # signed out


def test_commands_export_and_erase(capsys, official, procurement):
    call_command("export-person", official.username)
    assert json.loads(capsys.readouterr().out)["profile"]["username"] == official.username
    call_command("erase-person", official.username)
    assert User.objects.get(pk=official.pk).username == f"erased-{official.pk}"
