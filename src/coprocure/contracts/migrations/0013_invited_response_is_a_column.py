from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0012_round_surveys_by_invitation"),
        ("participation", "0012_response_invited"),
    ]

    operations = [
        migrations.DeleteModel(name="InvitedResponse"),
    ]
