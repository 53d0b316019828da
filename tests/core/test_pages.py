"""The web pages as a person meets them: what is shown, what is refused, what bad input does."""

import re

import pytest

from coprocure.core import services
from coprocure.core.models import Procurement, ProcurementRole

from .. import factories


def test_the_procurement_list_shows_public_procurements_only(client, official):
    public = factories.create_procurement(official, title=factories.text("Julkinen hankinta"))
    factories.create_procurement(official, title=factories.text("Salainen hankinta"), is_public=False)
    page = client.get("/procurements/").content.decode()
    assert "Julkinen hankinta" in page and "Salainen hankinta" not in page
    assert f"/procurements/{public.pk}/" in page


def test_procurement_list_filter_returns_fragment_for_htmx(client, official):
    factories.create_procurement(official)
    response = client.get("/procurements/?phase=contract", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Valinnoilla ei löytynyt hankintoja." in body


def test_multiline_text_is_shown_as_paragraphs_with_markup_escaped(client, official):
    procurement = factories.create_procurement(
        official, summary=factories.text("Ensimmäinen kappale.\n\nToinen <script>alert(1)</script> kappale.")
    )
    body = client.get(f"/procurements/{procurement.pk}/").content.decode()
    assert '<div lang="fi"><p>Ensimmäinen kappale.</p>' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body


def test_procurement_page_in_swedish_marks_fallback_language(client, official):
    procurement = factories.create_procurement(official, title=factories.text("Vain suomeksi"))
    body = client.get(f"/sv/procurements/{procurement.pk}/").content.decode()
    assert '<span lang="fi">Vain suomeksi</span>' in body
    assert "inte översatt ännu" in body


def test_private_procurement_page_is_404_for_the_public(client, official):
    private = factories.create_procurement(official, is_public=False)
    assert client.get(f"/procurements/{private.pk}/").status_code == 404


def test_creating_requires_sign_in(client, db):
    response = client.get("/procurements/new/")
    assert response.status_code == 302 and "/signin/" in response["Location"]


def test_invalid_form_is_422_with_field_messages_and_writes_nothing(client, official):
    client.force_login(official)
    response = client.post("/procurements/new/", {"title_fi": "x" * 201, "service_area": "nope"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Korjaa seuraavat kohdat" in body
    # The summary's link leads to the Finnish title box itself.
    assert 'href="#id_title_0"' in body and re.search(r'<input[^>]*name="title_fi"[^>]*id="id_title_0"', body)
    assert not Procurement.objects.exists()


def test_choosing_a_staff_member_as_accountable_explains_why_not(client, official, staff):
    client.force_login(official)
    data = {
        "title_fi": "Testi", "summary_fi": "Tiivistelmä", "service_area": "older_people",
        "procedure": "open", "is_public": "on", "accountable_official": staff.pk,
    }
    response = client.post("/procurements/new/", data)
    assert response.status_code == 422
    assert "Vain viranhaltija voi olla vastuussa" in response.content.decode()
    assert not Procurement.objects.exists()


def test_official_gives_a_role_by_username(client, procurement, official):
    expert = factories.UserFactory(username="kokemus1")
    client.force_login(official)
    response = client.post(f"/procurements/{procurement.pk}/roles/", {"user": "kokemus1", "role": "expert_by_experience"})
    assert response.status_code == 302
    assert ProcurementRole.objects.filter(procurement=procurement, user=expert, role="expert_by_experience").exists()
    unknown = client.post(f"/procurements/{procurement.pk}/roles/", {"user": "nobody", "role": "peer"})
    assert unknown.status_code == 422
    assert "Kenelläkään aktiivisella henkilöllä ei ole tätä käyttäjätunnusta." in unknown.content.decode()


def test_participants_cannot_see_the_roles_page(client, procurement, official):
    expert = factories.UserFactory()
    services.assign_role(official, procurement, expert, "expert_by_experience")
    client.force_login(expert)
    assert client.get(f"/procurements/{procurement.pk}/roles/").status_code == 403


@pytest.mark.parametrize("path", ["/admin/core/procurement/add/", "/admin/audit/auditentry/add/"])
def test_admin_cannot_write_procurements_or_audit(client, db, path):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(path).status_code == 403


def test_admin_validates_business_id_with_the_domain_rule(client, db):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/admin/core/organisation/add/", {"name": "Virhe Oy", "kind": "company", "business_id": "0201256-5"})
    assert response.status_code == 200
    assert "tarkistusnumero ei täsmää" in response.content.decode()


def test_not_found_page_is_translated(client, db):
    response = client.get("/sv/procurements/999/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()
