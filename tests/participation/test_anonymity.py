"""An anonymous answer must not be linkable to a person: prove it from the schema itself."""

import pytest
from django.db import IntegrityError, connection, models
from django.utils import timezone

from coprocure.participation import services
from coprocure.participation.models import Answer, Response, SpentAnswerToken

from .conftest import keys


def test_a_response_has_no_column_that_could_link_a_person_or_a_moment():
    columns = {field.column: field for field in Response._meta.concrete_fields}
    # ``invited``: the answer came with an invitation code, which one it does not say.
    assert set(columns) == {"id", "survey_id", "mode", "channel", "answered_on", "participant_id", "target_group", "age_band",
                            "unmixed", "invited"}
    # The only time is a date; no datetime, IP or session column exists on the answer rows.
    for model in (Response, Answer):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateTimeField | models.GenericIPAddressField | models.TimeField), field
            assert field.name not in {"user", "session", "session_key", "ip", "ip_address", "user_agent",
                                      "created_at", "updated_at", "submitted_at"}, field
    assert isinstance(Response._meta.get_field("answered_on"), models.DateField)
    # Keys are random, so the order of answering cannot be read from them.
    assert isinstance(Response._meta.pk, models.UUIDField) and isinstance(Answer._meta.pk, models.UUIDField)


def test_the_spent_token_table_cannot_be_joined_to_answers():
    related = {field.related_model for field in SpentAnswerToken._meta.concrete_fields if field.is_relation}
    assert related <= {SpentAnswerToken._meta.get_field("survey").related_model}
    assert {field.name for field in SpentAnswerToken._meta.concrete_fields} == {"nonce", "survey"}


def test_the_database_refuses_a_participant_on_an_anonymous_response(survey, official):
    with pytest.raises(IntegrityError):
        Response.objects.create(survey=survey, mode="anonymous", answered_on=timezone.localdate(), participant=official)


def test_a_stored_anonymous_answer_has_no_participant_even_from_a_signed_in_person(survey, official):
    token = services.issue_token(survey)
    services.submit_response(survey, {keys(survey)[0]: 5}, token=token, participant=official)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT participant_id, answered_on FROM {Response._meta.db_table}")
        ((participant, day),) = cursor.fetchall()
    assert participant is None
    assert not hasattr(day, "hour")
