"""An anonymous respondent's follow-up address cannot be joined to their answers: not by a
foreign key, not by a shared value in any column, not by time, not through the audit trail."""

from django.db import connection, models
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.followup.models import FollowUpContact
from coprocure.participation.models import Answer, Response, SpentAnswerToken

from ..participation.conftest import keys


def _rows(model):
    """Every stored column of every row, with a reference tagged by the table it points to, so
    that survey 1 and procurement 1 count as different values (which they are). ``unmixed``
    is left out: it says only that a row waits for the next mixing, as every new row does."""
    fields = [field for field in model._meta.concrete_fields if field.name != "unmixed"]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")
        rows = cursor.fetchall()
    return [
        {(field.related_model._meta.db_table if field.is_relation else "value", str(value))
         for field, value in zip(fields, row) if value not in (None, "")}
        for row in rows
    ]


def test_the_contact_table_has_no_link_and_no_time():
    for field in FollowUpContact._meta.concrete_fields:
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField), field
        assert not field.is_relation or field.related_model._meta.label == "core.Procurement", field
    assert isinstance(FollowUpContact._meta.pk, models.UUIDField)
    # Nothing on the answer side points at a contact either.
    for model in (Response, Answer, SpentAnswerToken):
        assert all(field.related_model is not FollowUpContact for field in model._meta.get_fields() if field.is_relation)


def test_an_answer_and_the_address_left_after_it_share_nothing(client, survey):
    answer_page = client.get(reverse("survey_answer", args=[survey.pk]))
    token = answer_page.context["form"].initial["token"]
    first, *rest = keys(survey)
    client.post(reverse("survey_answer", args=[survey.pk]),
                {"token": token, first: "4", rest[-1]: "Kotihoito tulee liian myöhään"})
    # The thank-you form sends the survey (in the address) and the contact, nothing else.
    client.post(reverse("follow_up", args=[survey.pk]), {"email": "liisa@example.fi", "phone": "0401234567"})
    assert Response.objects.count() == 1 and FollowUpContact.objects.count() == 1
    (contact,) = _rows(FollowUpContact)
    answer_side = _rows(Response) + _rows(Answer) + _rows(SpentAnswerToken)
    for row in answer_side:
        assert not contact & row, contact & row
    # The audit trail holds nothing about either: no entry names the response, its answers,
    # the contact, or the address.
    identifiers = {str(Response.objects.get().pk), str(FollowUpContact.objects.get().pk),
                   *(str(pk) for pk in Answer.objects.values_list("pk", flat=True))}
    for entry in AuditEntry.objects.all():
        assert entry.object_id not in identifiers
        assert "liisa@example.fi" not in f"{entry.before}{entry.after}"
        assert not any(identifier in f"{entry.before}{entry.after}" for identifier in identifiers)
    # Nor does the person's session carry the answer to the follow-up form.
    session = client.session
    assert not any(identifier in str(dict(session)) for identifier in identifiers)
