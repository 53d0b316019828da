import json

import pytest
from django.core.management import call_command

from coprocure.core.models import Procurement

from .. import factories

URL = "/api/v1/procurements"


@pytest.fixture
def token(official, capsys):
    call_command("create-token", official.username)
    return capsys.readouterr().out.strip()


def post(client, url, payload, token=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    body = raw if raw is not None else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **headers)


def new_payload(**overrides):
    payload = {
        "title": {"fi": "Kotihoito", "sv": {"text": "Hemvård", "origin": "machine"}},
        "summary": {"fi": "Hankimme kotihoidon palvelut."},
        "service_area": "older_people",
        "procedure": "light",
        "target_groups": ["older_people"],
        "estimated_value": "250000.00",
    }
    payload.update(overrides)
    return payload


def test_public_list_and_detail_need_no_account(client, procurement):
    listing = client.get(URL)
    assert listing.status_code == 200
    assert [item["reference"] for item in listing.json()["items"]] == [procurement.reference]
    detail = client.get(f"{URL}/{procurement.pk}").json()
    assert detail["title"]["fi"] == {"text": "Päihdepalvelut", "origin": "human"}
    assert detail["phase"] == "preparation"


def test_private_procurement_is_404_for_the_public(client, official):
    private = factories.create_procurement(official, is_public=False)
    assert client.get(f"{URL}/{private.pk}").status_code == 404


def test_create_with_token_then_advance(client, token, official):
    response = post(client, URL, new_payload(), token)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"]["sv"] == {"text": "Hemvård", "origin": "machine"}
    assert body["target_groups"] == ["older_people"]
    moved = post(client, f"{URL}/{body['id']}/phase", {"target": "tendering"}, token)
    assert moved.status_code == 200
    assert moved.json()["phase"] == "tendering"


def test_anonymous_create_is_401(client, db):
    response = post(client, URL, new_payload())
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize("payload,field,code", [
    (new_payload(title={"sv": "Endast svenska"}), "title", "required_fi"),
    (new_payload(service_area="space_travel"), "service_area", "invalid_choice"),
    (new_payload(title={"fi": "x" * 201}), "title", "max_length"),
    (new_payload(estimated_value="-5"), "estimated_value", "min_value"),
    (new_payload(target_groups=["martians"]), "target_groups", "invalid_choice"),
])
def test_bad_fields_get_field_level_422_and_nothing_is_written(client, token, payload, field, code):
    response = post(client, URL, payload, token)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["field"] == field and e["code"] == code and e["message"] for e in errors), errors
    assert not Procurement.objects.exists()


def test_malformed_json_is_a_clear_4xx(client, token):
    response = post(client, URL, None, token, raw="{not json")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_non_official_accountable_is_refused_in_finnish_by_default(client, token, staff):
    response = post(client, URL, new_payload(accountable_official=staff.pk), token)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "accountable_official" and error["code"] == "accountable_not_official"
    assert "viranhaltija" in error["message"]


def test_skipping_phase_is_409(client, token, procurement):
    response = post(client, f"{URL}/{procurement.pk}/phase", {"target": "contract"}, token)
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "phase_skipped"


def test_unknown_role_is_422(client, token, procurement):
    someone = factories.UserFactory()
    response = post(client, f"{URL}/{procurement.pk}/roles", {"user": someone.username, "role": "king"}, token)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "role"


def test_patch_changes_only_given_fields(client, token, procurement):
    response = client.patch(
        f"{URL}/{procurement.pk}", json.dumps({"estimated_value": "2000000"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    procurement.refresh_from_db()
    assert str(procurement.estimated_value) == "2000000.00"
    assert procurement.title["fi"]["text"] == "Päihdepalvelut"


def test_invalid_business_id_is_422(client, token):
    response = post(client, "/api/v1/organisations", {"name": "Testi Oy", "kind": "company", "business_id": "0201256-5"}, token)
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "business_id", "code": "business_id_checksum", "message": response.json()["errors"][0]["message"],
    }


def test_openapi_document_is_served(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/procurements" in document["paths"]


def test_messages_follow_accept_language(client, token):
    response = client.post(URL, json.dumps(new_payload(service_area="nope")), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 422
    assert response["Content-Language"] == "sv"
    assert response.json()["detail"] == "Begäran kunde inte godkännas."
