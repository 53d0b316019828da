"""An alliance is a contract kind, not a procedure (issue 21 item 6): procurements labelled with
the procedure "alliance" were chosen by a negotiated procedure and intend an alliance contract."""

from django.db import migrations, models


def alliance_to_negotiated(apps, schema_editor):
    Procurement = apps.get_model("core", "Procurement")
    Procurement.objects.filter(procedure="alliance").update(procedure="negotiated", intended_contract_kind="alliance")


def negotiated_alliance_back(apps, schema_editor):
    Procurement = apps.get_model("core", "Procurement")
    Procurement.objects.filter(procedure="negotiated", intended_contract_kind="alliance").update(procedure="alliance")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_accessibility_statement'),
    ]

    operations = [
        migrations.AddField(
            model_name='procurement',
            name='intended_contract_kind',
            field=models.CharField(blank=True, choices=[('partnership', 'Partnership contract'), ('alliance', 'Alliance contract'), ('conventional', 'Conventional contract')], max_length=16, verbose_name='intended contract kind'),
        ),
        migrations.RunPython(alliance_to_negotiated, negotiated_alliance_back),
        migrations.AlterField(
            model_name='procurement',
            name='procedure',
            field=models.CharField(choices=[('open', 'Open procedure'), ('restricted', 'Restricted procedure'), ('negotiated', 'Negotiated procedure'), ('competitive_dialogue', 'Competitive dialogue'), ('innovation_partnership', 'Innovation partnership'), ('light', 'Light procedure for social and health services')], max_length=32, verbose_name='procedure'),
        ),
    ]
