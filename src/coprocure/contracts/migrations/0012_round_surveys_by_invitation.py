from django.db import migrations


def mark_round_surveys(apps, schema_editor):
    """Surveys that already are outcome rounds take invitation codes only from now on."""
    Survey = apps.get_model("participation", "Survey")
    SurveyRound = apps.get_model("contracts", "SurveyRound")
    Survey.objects.filter(pk__in=SurveyRound.objects.values("survey_id")).update(by_invitation=True)


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0011_idea_references_and_publication"),
        ("participation", "0011_survey_by_invitation"),
    ]

    operations = [migrations.RunPython(mark_round_surveys, migrations.RunPython.noop)]
