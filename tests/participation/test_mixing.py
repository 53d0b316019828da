"""Anonymous answers and follow-up contacts leave their order of arrival in shuffled batches,
and mixing changes no result: the mixed rows are the same answers under new keys."""

import json
import random
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from coprocure.followup import services as followup
from coprocure.followup.models import FollowUpContact
from coprocure.participation import mixing, selectors, services
from coprocure.participation.models import Answer, Response, Survey

from .. import factories
from .conftest import keys, make_survey


@pytest.fixture(autouse=True)
def seeded(monkeypatch):
    chance = random.Random(1917)  # one seeded generator, as the system's randomness is one
    monkeypatch.setattr(mixing, "randomness", lambda: chance)


def _answer(survey, number: int):
    likert, single, _multiple, count, text = keys(survey)
    services.submit_response(survey, {likert: 1 + number % 5, single: str(1 + number % 2), count: number,
                                      text: f"Vastaus {'abcdefghijklmnop'[number]}"},
                             background={"target_group": "older_people" if number % 3 else "relatives"})


def _stored(survey) -> Counter:
    return Counter((a.question_id, json.dumps(a.value), a.response.channel, a.response.answered_on, a.response.target_group)
                   for a in Answer.objects.filter(response__survey=survey).select_related("response"))


def test_the_answer_that_completes_a_batch_mixes_it(survey, django_capture_on_commit_callbacks):
    for number in range(mixing.batch_size() - 1):
        with django_capture_on_commit_callbacks(execute=True):
            _answer(survey, number)
    assert Response.objects.filter(unmixed=True).count() == mixing.batch_size() - 1
    arrived = set(Response.objects.values_list("pk", flat=True))
    stored = _stored(survey)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(survey, mixing.batch_size() - 1)
    stored_now = _stored(survey)
    assert not Response.objects.filter(unmixed=True).exists()
    assert Response.objects.count() == mixing.batch_size()
    assert not arrived & set(Response.objects.values_list("pk", flat=True)), "mixed responses get new keys"
    # Every answer stored before is still there, with the four of the last one.
    assert not stored - stored_now and sum((stored_now - stored).values()) == 4
    assert not Survey.objects.get(pk=survey.pk).mixed_in_full


def test_mixing_changes_no_result(survey, settings):
    settings.COPROCURE_MIX_BATCH = 100
    for number in range(12):
        _answer(survey, number)
    results, stored = selectors.results(survey), _stored(survey)
    settings.COPROCURE_MIX_BATCH = 10
    assert mixing.mix_survey(survey.pk) == 12
    assert selectors.results(survey) == results
    assert _stored(survey) == stored
    assert Answer.objects.filter(response__survey=survey).count() == sum(stored.values())
    assert mixing.mix_survey(survey.pk) == 0  # nothing waits any more


def test_fewer_than_a_batch_wait_and_identified_answers_are_never_mixed(official, activity, survey):
    panel = make_survey(official, activity, mode="identified")
    member = factories.UserFactory()
    for number in range(3):
        _answer(survey, number)
        services.submit_response(panel, {keys(panel)[0]: 4}, participant=member)
    assert mixing.mix_survey(survey.pk) == 0
    assert Response.objects.filter(survey=survey, unmixed=True).count() == 3
    assert not Response.objects.filter(survey=panel, unmixed=True).exists()
    assert mixing.mix_survey(panel.pk, everything=True) == 0


def test_closing_a_survey_mixes_all_its_answers_and_the_procurements_contacts(
        official, survey, django_capture_on_commit_callbacks):
    for number in range(13):
        with django_capture_on_commit_callbacks(execute=True):
            _answer(survey, number)
        if number % 4 == 0:
            followup.follow(survey, f"henkilo{number}@example.fi")
    assert Response.objects.filter(unmixed=True).count() == 3  # ten were mixed as a batch
    contacts = set(FollowUpContact.objects.values_list("pk", flat=True))
    assert FollowUpContact.objects.filter(unmixed=True).count() == 4
    stored = _stored(survey)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_survey(official, survey)
    assert not Response.objects.filter(unmixed=True).exists() and Response.objects.count() == 13
    assert Survey.objects.get(pk=survey.pk).mixed_in_full
    assert _stored(survey) == stored
    # Contacts keep their (random) keys: the unsubscribe links already sent carry them.
    assert not FollowUpContact.objects.filter(unmixed=True).exists()
    assert set(FollowUpContact.objects.values_list("pk", flat=True)) == contacts
    contact = FollowUpContact.objects.first()
    assert followup.unsubscribe(followup.unsubscribe_token(survey.procurement, contact=contact))


def test_contacts_are_mixed_in_batches_of_their_own(survey, settings, django_capture_on_commit_callbacks):
    settings.COPROCURE_MIX_BATCH = 4
    for number in range(3):
        followup.follow(survey, f"henkilo{number}@example.fi")
    assert FollowUpContact.objects.filter(unmixed=True).count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        followup.follow(survey, "neljas@example.fi")
    assert not FollowUpContact.objects.filter(unmixed=True).exists()
    assert FollowUpContact.objects.count() == 4


def test_the_command_mixes_full_batches_and_closed_surveys_once(official, activity, survey, settings):
    settings.COPROCURE_MIX_BATCH = 4
    closing = make_survey(official, activity)
    for number in range(3):
        _answer(survey, number)  # an open survey's three answers wait for a fourth
        _answer(closing, number)
    Survey.objects.filter(pk=closing.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    call_command("mix-answers", stdout=open("/dev/null", "w"))
    assert Response.objects.filter(survey=survey, unmixed=True).count() == 3
    assert not Response.objects.filter(survey=closing, unmixed=True).exists()
    assert Survey.objects.get(pk=closing.pk).mixed_in_full
    followup.follow(survey, "odottaa@example.fi")
    keys_now = set(Response.objects.filter(survey=closing).values_list("pk", flat=True))
    call_command("mix-answers", stdout=open("/dev/null", "w"))
    assert set(Response.objects.filter(survey=closing).values_list("pk", flat=True)) == keys_now  # once
    # The procurement still has an open anonymous survey: its one contact waits.
    assert FollowUpContact.objects.filter(unmixed=True).count() == 1
    _answer(survey, 3)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    call_command("mix-answers", stdout=open("/dev/null", "w"))
    assert not Response.objects.filter(unmixed=True).exists()
    assert not FollowUpContact.objects.filter(unmixed=True).exists()


def test_a_paper_batch_completing_a_batch_is_mixed(official, survey, settings, django_capture_on_commit_callbacks):
    settings.COPROCURE_MIX_BATCH = 3
    likert = keys(survey)[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.enter_batch(official, survey, "paper", "Kirjasto", [{"answers": {likert: n}} for n in (1, 2, 3, 4)])
    # The first three made a batch, mixed in the third's rewrite; the fourth waits for the next.
    assert Response.objects.count() == 4 and Response.objects.filter(unmixed=True).count() == 1
    assert sorted(Answer.objects.values_list("value", flat=True)) == [1, 2, 3, 4]
