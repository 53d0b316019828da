import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core_services
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import AnswerBatch, Response

from .. import factories
from .conftest import keys, make_survey


def test_a_paper_batch_stores_every_answer_with_its_channel_and_only_a_count_for_who_entered(official, survey):
    likert, single, *_rest = keys(survey)
    batch = services.enter_batch(official, survey, "paper", "Kotikulma", [
        {"answers": {likert: 4, single: "1"}, "target_group": "older_people"},
        {"answers": {likert: 2}},
        {"answers": {likert: 5}, "age_band": "75_plus"},
    ])
    assert batch.answer_count == 3 and batch.entered_by == official and batch.channel == "paper"
    assert list(Response.objects.values_list("channel", flat=True)) == ["paper"] * 3
    # Nothing joins the batch to its answers: no field on either side refers to the other.
    assert {f.name for f in Response._meta.get_fields()}.isdisjoint({"batch", "answerbatch", "entered_by"})
    assert {f.name for f in AnswerBatch._meta.get_fields()}.isdisjoint({"responses", "response", "answers"})
    entry = AuditEntry.objects.get(action="participation.batch_enter")
    assert entry.after == {"survey": survey.pk, "channel": "paper", "answer_count": 3}


def test_one_bad_entry_stores_nothing_and_names_the_entry(official, survey):
    likert, single, *_rest = keys(survey)
    with pytest.raises(ServiceError) as raised:
        services.enter_batch(official, survey, "phone", "", [{"answers": {likert: 4}}, {"answers": {single: "9"}}])
    assert set(raised.value.errors) == {f"2.{likert}", f"2.{single}"}
    assert not Response.objects.exists() and not AnswerBatch.objects.exists()


def test_online_channel_closed_or_identified_surveys_are_refused(official, activity, survey):
    likert = keys(survey)[0]
    with pytest.raises(ServiceError) as online:
        services.enter_batch(official, survey, "online", "", [{"answers": {likert: 4}}])
    assert "channel" in online.value.errors
    closed = make_survey(official, activity, closes_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ServiceError) as late:
        services.enter_batch(official, closed, "paper", "", [{"answers": {keys(closed)[0]: 4}}])
    assert late.value.status == 409
    panel = make_survey(official, activity, mode="identified")
    with pytest.raises(ServiceError) as identified:
        services.enter_batch(official, panel, "paper", "", [{"answers": {keys(panel)[0]: 4}}])
    assert identified.value.status == 409
    assert not Response.objects.exists()


def test_peers_may_enter_batches_and_outsiders_may_not(client, official, procurement, survey):
    peer = factories.UserFactory()
    core_services.assign_role(official, procurement, peer, "peer")
    likert = keys(survey)[0]
    client.force_login(factories.UserFactory())
    payload = {"channel": "assisted", "entries": [{"answers": {likert: 3}}]}
    url = f"/api/v1/surveys/{survey.pk}/batches"
    assert client.post(url, json.dumps(payload), content_type="application/json").status_code == 403
    client.force_login(peer)
    created = client.post(url, json.dumps(payload), content_type="application/json")
    assert created.status_code == 201 and created.json()["answer_count"] == 1
    bad = client.post(url, json.dumps({"channel": "assisted", "entries": [{"answers": {likert: "x"}}]}),
                      content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == f"1.{likert}"
    assert Response.objects.get().channel == "assisted"


def test_batch_page_skips_empty_forms_and_keeps_errors_on_the_right_person(client, official, survey):
    likert, single, *_rest = keys(survey)
    client.force_login(official)
    page = client.get(f"/surveys/{survey.pk}/batch/?count=5")
    assert page.status_code == 200 and len(page.context["entries"]) == 5
    refused = client.post(f"/en/surveys/{survey.pk}/batch/", {"count": "5", "channel": "paper",
                                                              f"p1-{likert}": "4", f"p3-{single}": "1"})
    assert refused.status_code == 422
    entries = refused.context["entries"]
    assert likert in entries[2].errors and not entries[0].errors
    assert not Response.objects.exists()
    saved = client.post(f"/en/surveys/{survey.pk}/batch/", {"count": "5", "channel": "paper", "place": "Kotikulma",
                                                           f"p1-{likert}": "4", f"p3-{likert}": "2"})
    assert saved.status_code == 302
    assert Response.objects.filter(channel="paper").count() == 2
    assert AnswerBatch.objects.get().place == "Kotikulma"
