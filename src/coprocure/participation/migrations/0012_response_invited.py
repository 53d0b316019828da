from django.db import migrations, models


def invited_from_their_rows(apps, schema_editor):
    """A response that came with an invitation code was a row of contracts' InvitedResponse;
    it is a column of the response now (the rows kept the answers' order of arrival)."""
    invited = apps.get_model("contracts", "InvitedResponse").objects.values_list("response_id", flat=True)
    apps.get_model("participation", "Response").objects.filter(pk__in=list(invited)).update(invited=True)


class Migration(migrations.Migration):

    dependencies = [
        ("participation", "0011_survey_by_invitation"),
        ("contracts", "0012_round_surveys_by_invitation"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="invited",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(invited_from_their_rows, migrations.RunPython.noop),
    ]
