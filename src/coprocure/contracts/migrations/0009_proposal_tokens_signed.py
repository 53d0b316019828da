from django.db import migrations


def drop_unspent(apps, schema_editor):
    # Tokens are signed values now, stored only when spent: the rows opening the form made go.
    apps.get_model("contracts", "ProposalToken").objects.filter(used=False).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0008_party_consortium_role"),
    ]

    operations = [
        migrations.RunPython(drop_unspent, migrations.RunPython.noop),
        migrations.RemoveField(model_name="proposaltoken", name="used"),
    ]
