"""Preparing and sending a notice (issue 22 items 4-5): the missing fields in the staff member's
language, the details picked from lists, the XML from the page and the API, and sending as a
queued task to a local fake notice service that checks with the same rules, may be slow, down
or refuse; no duplicate notices; bad input named field by field, nothing marked as published."""

import json
from decimal import Decimal

from django.test import override_settings

from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement
from coprocure.notices import build, services
from coprocure.notices.models import Submission
from coprocure.notices.overview import overview
from coprocure.notices.selectors import with_notice_data
from coprocure.notices.validation import Violation

from .. import factories
from ..tendering.conftest import provider
from .fake_service import FakeNoticeService
from .helpers import DETAILS, ready, service_settings


def page(client, procurement):
    return client.get(f"/procurements/{procurement.pk}/notices/")


def test_the_page_lists_what_is_missing_in_the_staff_members_language(client, official, awarded):
    procurement, _tender = awarded
    client.force_login(official)
    assert f"/procurements/{procurement.pk}/notices/" in client.get(f"/procurements/{procurement.pk}/").content.decode()
    finnish = page(client, procurement).content.decode()
    assert "Vielä puuttuu:" in finnish and "Pääasiallinen CPV-koodi" in finnish and "Jokaisen tarjoajan koko" in finnish
    assert "Jokaisen tarjoajan postinumero" in finnish and "Jokaisen tarjoajan maakunta (NUTS 3)" in finnish
    swedish = client.get(f"/sv/procurements/{procurement.pk}/notices/").content.decode()
    assert "Saknas ännu:" in swedish and "Huvudsaklig CPV-kod" in swedish
    response = client.post(f"/procurements/{procurement.pk}/notices/send/", {"kind": "33"}, follow=True)
    assert "Ilmoituksesta puuttuu vielä" in response.content.decode()
    assert not Submission.objects.exists()


def test_an_unknown_code_is_refused_by_field(client, official, awarded):
    procurement, _tender = awarded
    client.force_login(official)
    response = client.post(f"/procurements/{procurement.pk}/notices/", {**DETAILS, "cpv": "72230000"})
    assert response.status_code == 422
    assert "72230000" in response.content.decode()  # Django's "not one of the available choices" names it
    response = client.put(f"/api/v1/procurements/{procurement.pk}/notices/details", {**DETAILS, "nuts": "FI197"},
                          content_type="application/json")
    assert response.status_code == 422 and "nuts" in response.json()["errors"][0]["field"]


def test_filled_in_the_official_previews_downloads_and_sends(client, official, awarded, fake, django_capture_on_commit_callbacks):
    procurement, tender = awarded
    client.force_login(official)
    ready(official, procurement, tender)
    assert "Mitään ei puutu." in page(client, procurement).content.decode()
    for language, heading in (("fi", "Voittaneet tarjoajat"), ("sv", "Vinnande anbudsgivare"), ("en", "Winning tenderers")):
        preview = client.get(f"/procurements/{procurement.pk}/notices/33/preview/?lang={language}")
        assert preview.status_code == 200 and heading in preview.content.decode()
    download = client.get(f"/procurements/{procurement.pk}/notices/33.xml")
    assert download["Content-Type"].startswith("application/xml") and b"can-social" in download.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/procurements/{procurement.pk}/notices/send/", {"kind": "33"})
    submission = Submission.objects.get()
    assert submission.status == "accepted" and submission.publication_id == "00000001-2027"
    assert submission.published_on is not None and len(fake.published) == 1
    assert str(submission.uuid).encode() in fake.published[0]  # the key is the notice's own id
    assert "00000001-2027" in page(client, procurement).content.decode()
    # A second submission of the accepted notice is refused and nothing reaches the service.
    response = client.post(f"/api/v1/procurements/{procurement.pk}/notices/submissions", {"kind": "33"},
                           content_type="application/json")
    assert response.status_code == 409 and len(fake.published) == 1
    # The OCDS release links the accepted notice.
    package = client.get("/api/v1/ocds/releases")
    release = json.loads(b"".join(package.streaming_content))["releases"][0]
    [document] = release["tender"]["documents"]
    assert document["id"] == f"eforms-{submission.uuid}" and document["documentType"] == "awardNotice"
    assert document["url"].endswith("/00000001-2027")


def test_a_rejection_is_kept_with_its_violations_and_nothing_is_published(official, awarded, eforms_rules,
                                                                            django_capture_on_commit_callbacks):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    national_rule = Violation("FI-1", "/", "Hilma: the notice's language must be Finnish or Swedish")
    with FakeNoticeService(lambda xml: eforms_rules(xml) + [national_rule]) as service, override_settings(
            COPROCURE_NOTICE_SERVICE=service_settings(service.url)), django_capture_on_commit_callbacks(execute=True):
        services.submit(official, procurement, "33")
    submission = Submission.objects.get()
    assert submission.status == "rejected" and submission.publication_id == "" and submission.published_on is None
    assert submission.violations == [{"rule": "FI-1", "location": "/", "text": national_rule.text}]


def test_a_notice_of_the_wrong_regime_is_refused(client, official, awarded):
    procurement, tender = awarded
    ready(official, procurement, tender)
    client.force_login(official)
    response = client.post(f"/api/v1/procurements/{procurement.pk}/notices/submissions", {"kind": "E4"},
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind" and "33" in response.json()["errors"][0]["message"]
    assert client.get(f"/api/v1/procurements/{procurement.pk}/notices/29/xml").status_code == 422
    Procurement.objects.filter(pk=procurement.pk).update(phase="contract")
    response = client.get(f"/api/v1/procurements/{procurement.pk}/notices/E2/xml")
    assert response.status_code == 422 and "valmistel" in response.json()["errors"][0]["message"]
    assert not Submission.objects.exists()


def test_the_api_lists_fills_and_downloads(client, official, awarded):
    procurement, tender = awarded
    client.force_login(official)
    listed = {row["kind"]: row for row in client.get(f"/api/v1/procurements/{procurement.pk}/notices").json()}
    assert {"20", "33"} <= set(listed)
    assert {"cpv", "nuts", "buyer_email"} <= {gap["field"] for gap in listed["33"]["missing"]}
    # The tenderers' own postcode and region; staff pick every tenderer's size, the loser's too.
    Organisation.objects.filter(pk__in=[o.pk for o in build.bidders(tender)]).update(postcode="33100", nuts_region="FI19B")
    sizes = {str(o.pk): "medium" for o in build.bidders(tender)}
    assert len(sizes) > len(build.winners(tender))
    saved = client.put(f"/api/v1/procurements/{procurement.pk}/notices/details", {**DETAILS, "sizes": sizes},
                       content_type="application/json")
    assert saved.status_code == 200 and saved.json()["sizes"] == sizes
    listed = {row["kind"]: row for row in client.get(f"/api/v1/procurements/{procurement.pk}/notices").json()}
    assert listed["33"]["missing"] == []
    xml = client.get(f"/api/v1/procurements/{procurement.pk}/notices/33/xml?lang=sv")
    assert xml.status_code == 200 and b'languageID="SWE"' in xml.content


def test_others_cannot_see_or_send(client, official, staff, awarded, fake):
    procurement, tender = awarded
    ready(official, procurement, tender)
    core.assign_role(official, procurement, staff, "staff")
    outsider = provider("Ulkopuolinen Oy")
    other_official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    for person in (outsider, other_official):
        client.force_login(person)
        assert page(client, procurement).status_code == 404
        assert client.get(f"/api/v1/procurements/{procurement.pk}/notices/33/xml").status_code == 404
        assert client.post(f"/api/v1/procurements/{procurement.pk}/notices/submissions", {"kind": "33"},
                           content_type="application/json").status_code == 404
    client.force_login(staff)  # staff prepare, only an official sends in the authority's name
    assert page(client, procurement).status_code == 200
    assert client.post(f"/api/v1/procurements/{procurement.pk}/notices/submissions", {"kind": "33"},
                       content_type="application/json").status_code == 403
    client.logout()
    assert client.get(f"/api/v1/procurements/{procurement.pk}/notices").status_code == 401
    assert not Submission.objects.exists() and fake.published == []


def test_below_the_national_threshold_the_contract_notice_is_voluntary(client, official, procurement):
    procurement.estimated_value = Decimal("120000")
    procurement.save()
    client.force_login(official)
    listed = client.get(f"/api/v1/procurements/{procurement.pk}/notices").json()
    # While it is prepared, the voluntary planning notices are offered too.
    assert [(row["kind"], row["required"]) for row in listed] == [("E1", False), ("E2", False), ("E3", False),
                                                                  ("E4", False)]
    market_dialogue = next(row for row in listed if row["kind"] == "E1")["missing"]
    assert "market_dialogue" in {gap["field"] for gap in market_dialogue}


def test_below_the_eu_threshold_the_national_notices_are_valid(official, awarded, eforms_rules):
    procurement, tender = awarded
    ready(official, procurement, tender)
    Procurement.objects.filter(pk=procurement.pk).update(estimated_value=Decimal("500000"))
    fresh = with_notice_data(Procurement.objects.filter(pk=procurement.pk)).get()
    rows = [row for row in overview(fresh) if row.kind.value in ("E3", "E4")]
    assert [(row.kind.value, row.required) for row in rows] == [("E3", True), ("E4", False)]
    for row in rows:
        assert row.missing == []
        for language in ("fi", "sv"):
            assert eforms_rules(services.render(fresh, row.kind.value, language)) == []
