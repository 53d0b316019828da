"""The pages the law expects (issue 19 item 7): the accessibility statement with its feedback
channel (Act 306/2019) and the privacy notice built from the privacy register."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.core import accessibility, gdpr
from coprocure.core.models import AccessibilityAssessment, AccessibilityFeedback, KnownAccessibilityIssue
from coprocure.outbox.models import Message

from .. import factories
from ..factories import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix, statement, notice", [
    ("", "Saavutettavuusseloste", "Tietosuojaseloste"),
    ("/sv", "Tillgänglighetsutlåtande", "Dataskyddsbeskrivning"),
    ("/en", "Accessibility statement", "Privacy notice"),
])
def test_every_page_footer_links_both_statements(client, prefix, statement, notice):
    for path in ("/", "/providers/", "/signin/", "/accessibility/", "/privacy/"):
        body = client.get(f"{prefix}{path}").content.decode()
        footer = body.split('<footer class="site-footer">', 1)[1]
        assert f'href="{prefix}/accessibility/">{statement}</a>' in footer, path
        assert f'href="{prefix}/privacy/">{notice}</a>' in footer, path


def test_the_statement_declares_the_latest_assessment_and_the_open_issues(client):
    AccessibilityAssessment.objects.create(conformance="full", assessed_on=date(2025, 1, 1), method=text("Vanha."),
                                           contact_email="vanha@example.org")
    AccessibilityAssessment.objects.create(conformance="partial", assessed_on=date(2026, 11, 30),
                                           method=text("Itsearviointi ja automaattiset tarkistukset."),
                                           contact_email="saavutettavuus@example.org")
    KnownAccessibilityIssue.objects.create(description=text("Kaavion värit erottuvat huonosti."), criterion="1.4.11")
    KnownAccessibilityIssue.objects.create(description=text("Korjattu ongelma."), fixed_on=date(2026, 12, 1))
    body = client.get("/accessibility/").content.decode()
    assert "Palvelu täyttää osittain" in body and "30.11.2026" in body
    assert "Kaavion värit erottuvat huonosti." in body and "1.4.11" in body
    assert "Korjattu ongelma." not in body and "vanha@example.org" not in body
    assert "mailto:saavutettavuus@example.org" in body
    assert "Etelä-Suomen aluehallintovirasto" in body and "saavutettavuusvaatimukset.fi" in body
    swedish = client.get("/sv/accessibility/").content.decode()
    assert "Regionförvaltningsverket i Södra Finland" in swedish and "uppfyller delvis" in swedish


def summary(violations=0, checks=("axe", "html", "reflow")) -> dict:
    part = {"tool": "Tool 1.0", "rules": "r", "pages": ["a", "b", "c"], "violations": violations, "checked_on": "2026-12-04"}
    recorded = {"html": part, "reflow": {**part, "tool": "Chromium 156"},
                "axe": {"languages": {lang: {**part, "tool": "axe-core 4.10.2"} for lang in ("fi", "sv", "en")}}}
    return {"checks": {name: recorded[name] for name in checks}}


@pytest.fixture
def checks(tmp_path, monkeypatch):
    """The automated checks' summary the statement reads, written as the checks would write it."""
    path = tmp_path / "accessibility_checks.json"
    monkeypatch.setattr(accessibility, "SUMMARY_FILE", path)
    return lambda data: path.write_text(json.dumps(data))


def test_without_a_persons_review_clean_checks_never_claim_full_conformance(client, checks):
    checks(summary())
    body = client.get("/en/accessibility/").content.decode()
    assert "The service partially conforms" in body and "fully conforms" not in body
    assert "automated checks can test only part of the WCAG criteria" in body
    assert "No review by a person has been recorded yet." in body
    finnish = client.get("/accessibility/").content.decode()
    assert "Checked with axe-core 4.10.2 on" in body and "Tarkistettu työkalulla Chromium 156 4.12.2026." in finnish
    assert "Pages checked in each of Finnish, Swedish and English: 3." in body and "Violations found: 0." in body
    assert "Palvelu täyttää osittain" in finnish and "Ihmisen tekemää arviointia ei ole vielä kirjattu." in finnish
    api = client.get("/api/v1/accessibility-statement").json()
    assert (api["conformance"], api["conformance_reasons"], api["declared_conformance"]) == ("partial", ["automated_only"], None)
    assert [(c["name"], c["pages"], c["violations"], c["languages"]) for c in api["automated_checks"]] == [
        ("axe", 3, 0, ["en", "fi", "sv"]), ("html", 3, 0, []), ("reflow", 3, 0, [])]


def test_full_conformance_needs_a_persons_review_clean_checks_and_no_open_issue(client, checks):
    checks(summary())
    AccessibilityAssessment.objects.create(conformance="full", assessed_on=date(2026, 11, 30), method=text("Asiantuntija-arvio."),
                                           contact_email="saavutettavuus@example.org")
    assert "Palvelu täyttää kokonaan" in client.get("/accessibility/").content.decode()
    assert client.get("/api/v1/accessibility-statement").json()["conformance"] == "full"
    issue = KnownAccessibilityIssue.objects.create(description=text("Kartta ei toimi näppäimistöllä."), criterion="2.1.1")
    body = client.get("/accessibility/").content.decode()
    assert "Palvelu täyttää osittain" in body and "Alla luetellut tunnetut ongelmat on vielä korjaamatta." in body
    issue.fixed_on = date(2026, 12, 2)
    issue.save()
    checks(summary(violations=2))
    api = client.get("/api/v1/accessibility-statement").json()
    assert (api["conformance"], api["conformance_reasons"], api["declared_conformance"]) == ("partial", ["violations"], "full")
    assert "Löydettyjä puutteita: 6." in client.get("/accessibility/").content.decode()


def test_a_check_that_did_not_run_is_no_pass(client, checks, settings):
    AccessibilityAssessment.objects.create(conformance="full", assessed_on=date(2026, 11, 30), method=text("Arvio."),
                                           contact_email="saavutettavuus@example.org")
    checks(summary(checks=("axe", "html")))
    assert client.get("/api/v1/accessibility-statement").json()["conformance_reasons"] == ["not_checked"]
    accessibility.SUMMARY_FILE.unlink()
    body = client.get("/sv/accessibility/").content.decode()
    assert "uppfyller delvis" in body and "Det finns inga resultat från de automatiska kontrollerna." in body


def test_a_persons_does_not_conform_stands_whatever_the_checks_say(client, checks):
    checks(summary())
    AccessibilityAssessment.objects.create(conformance="not", assessed_on=date(2026, 11, 30), method=text("Arvio."),
                                           contact_email="saavutettavuus@example.org")
    api = client.get("/api/v1/accessibility-statement").json()
    assert (api["conformance"], api["conformance_reasons"]) == ("not", ["declared_not"])
    assert "Palvelu ei täytä" in client.get("/accessibility/").content.decode()


def test_feedback_is_stored_with_the_legal_deadline_and_audited_without_its_words(client):
    response = client.post("/accessibility/", {"message": "Lomakkeen virheilmoitus ei lue ruudunlukijalla.",
                                               "page": "/surveys/1/", "contact": "minna@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accessibility/thanks/"
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.answer_by == timezone.localdate() + timedelta(days=14)
    entry = AuditEntry.objects.get(action="accessibility.feedback")
    assert "ruudunlukija" not in str(entry.after) and "minna" not in str(entry.after)
    assert "14 päivän" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("data", [{}, {"message": ""}, {"message": "x" * 5001}, {"message": "Hei", "contact": "ei-osoite"}])
def test_bad_feedback_is_refused_with_a_message_and_nothing_stored(client, data):
    response = client.post("/en/accessibility/", data)
    assert response.status_code == 422
    assert 'class="error-summary"' in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_answered_feedback_is_forgotten_two_years_after_the_answer():
    today = timezone.localdate()
    old = AccessibilityFeedback.objects.create(message="a", answer_by=today, answered_on=today - timedelta(days=731))
    recent = AccessibilityFeedback.objects.create(message="b", answer_by=today, answered_on=today - timedelta(days=30))
    waiting = AccessibilityFeedback.objects.create(message="c", answer_by=today)
    assert accessibility.forget_answered(timezone.now()) == 1
    assert set(AccessibilityFeedback.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not AccessibilityFeedback.objects.filter(pk=old.pk).exists()


def test_the_privacy_notice_names_each_public_procurements_controller(client, official):
    public = factories.create_procurement(official, title=text("Päihdepalvelut"), is_public=True)
    other_authority = factories.AuthorityFactory(name="Toinen hyvinvointialue")
    other = factories.create_procurement(factories.UserFactory(organisation=other_authority, position="official"),
                                         title=text("Kotihoito"), is_public=True)
    private = factories.create_procurement(official, title=text("Salainen valmistelu"), is_public=False)
    body = client.get("/privacy/").content.decode()
    assert "Päihdepalvelut" in body and public.authority.name in body
    assert "Kotihoito" in body and "Toinen hyvinvointialue" in body
    assert "Salainen valmistelu" not in body and f"/procurements/{private.pk}/" not in body
    assert other.pk


def test_the_privacy_notice_is_built_from_every_registered_kind_of_data(client):
    missing = [name for name, notice in gdpr.register_notices() if notice is None]
    assert missing == [], f"registered without a privacy notice: {missing}"
    body = client.get("/en/privacy/").content.decode()
    for _name, notice in gdpr.register_notices():
        assert str(notice.data) in body.replace("&#x27;", "'")


def test_feedback_reaches_the_declared_contact_through_the_outbox(client):
    AccessibilityAssessment.objects.create(conformance="partial", assessed_on=date(2026, 11, 30), method=text("Arvio."),
                                           contact_email="saavutettavuus@example.org")
    factories.UserFactory(is_superuser=True, email="admin@example.org")
    with_deadline = timezone.localdate() + timedelta(days=14)
    client.post("/sv/accessibility/", {"message": "Kartan text är för liten.", "contact": "svar@example.org"})
    message = Message.objects.get()
    assert message.recipient == "saavutettavuus@example.org"
    assert f"{with_deadline:%d.%m.%Y}" in message.subject and "Kartan text är för liten." in message.body
    assert "svar@example.org" in message.body


def test_without_a_declared_contact_the_site_administrators_hear_of_feedback(client):
    factories.UserFactory(is_superuser=True, email="admin@example.org")
    factories.UserFactory(is_superuser=True, email="")
    client.post("/accessibility/", {"message": "Painike ei näy."})
    assert list(Message.objects.values_list("recipient", flat=True)) == ["admin@example.org"]


def test_the_statement_and_the_notice_in_the_api(client, official):
    assert client.get("/api/v1/accessibility-statement").json()["declared_conformance"] is None
    AccessibilityAssessment.objects.create(conformance="partial", assessed_on=date(2026, 11, 30), method=text("Arvio."),
                                           contact_email="saavutettavuus@example.org")
    KnownAccessibilityIssue.objects.create(description=text("Kaavio."), criterion="1.4.11")
    statement = client.get("/api/v1/accessibility-statement").json()
    assert (statement["conformance"], statement["declared_conformance"], statement["assessed_on"]) == (
        "partial", "partial", "2026-11-30")
    assert {"declared_partial", "known_issues"} <= set(statement["conformance_reasons"])
    assert statement["known_issues"][0]["criterion"] == "1.4.11"
    sent = client.post("/api/v1/accessibility-statement/feedback", {"message": "Liian pieni teksti."},
                       content_type="application/json")
    assert sent.status_code == 201
    assert sent.json()["answer_by"] == (timezone.localdate() + timedelta(days=14)).isoformat()
    refused = client.post("/api/v1/accessibility-statement/feedback", {"message": "", "contact": "ei-osoite"},
                          content_type="application/json")
    assert refused.status_code == 422
    assert {error["field"] for error in refused.json()["errors"]} == {"message", "contact"}
    assert AccessibilityFeedback.objects.count() == 1
    public = factories.create_procurement(official, is_public=True)
    notice = client.get("/api/v1/privacy-notice").json()
    assert {"procurement": public.pk, "reference": public.reference, "controller": public.authority.name} in notice["controllers"]
    assert len(notice["personal_data"]) == len(gdpr.register_notices())


def test_site_administrators_keep_the_known_issues_in_the_admin_and_each_change_is_audited(client):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/core/knownaccessibilityissue/add/").status_code == 200
    response = client.post("/admin/core/knownaccessibilityissue/add/", {
        "description_fi": "Kaavion teksti on pieni.", "description_sv": "", "description_en": "",
        "criterion": "1.4.4", "workaround_fi": "Sama tieto on taulukossa.", "workaround_sv": "", "workaround_en": "",
        "fixed_on": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = KnownAccessibilityIssue.objects.get()
    assert AuditEntry.objects.filter(action="knownaccessibilityissue.create", object_id=str(issue.pk)).exists()
    assert "Kaavion teksti on pieni." in client.get("/accessibility/").content.decode()
