from django.db import migrations, models


def fee_on_actual_cost_to_target(apps, schema_editor):
    """Periods agreed before the fee basis was a term used a share of the actual cost; where that
    could reward spending (a cap, or a share below the rate) the same rate now applies to the
    target cost, which is the seeds' default basis."""
    Period = apps.get_model("alliance", "SettlementPeriod")
    for period in Period.objects.filter(fee_kind="rate"):
        rewards = (period.gain_cap is not None or period.pain_cap is not None
                   or period.gain_share < period.fee_amount or period.pain_share < period.fee_amount)
        if rewards and not period.statements.exists():
            period.fee_kind = "target_rate"
            period.save(update_fields=["fee_kind"])


class Migration(migrations.Migration):

    dependencies = [("alliance", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="settlementperiod", name="fee_kind",
            field=models.CharField(choices=[("target_rate", "A share of the target cost"), ("fixed", "A fixed amount in euros"),
                                            ("rate", "A share of the actual cost (only where spending more can never raise the margin)")],
                                   default="target_rate", max_length=12, verbose_name="fee"),
        ),
        migrations.AddField(
            model_name="settlementperiod", name="missing_kra",
            field=models.CharField(choices=[("minimum", "At the minimum level (−1): not measuring does not pay"),
                                            ("target", "At the target level (0): neither bonus nor sanction")],
                                   default="minimum", max_length=8, verbose_name="an unreported KRA value counts"),
        ),
        migrations.AddField(
            model_name="settlementperiod", name="downside_beyond_fee",
            field=models.BooleanField(default=False, help_text="Leave unticked unless the alliance agreement explicitly says so: otherwise only part of the fee is at risk and the audited costs are always paid.",
                                      verbose_name="the agreement lets the overrun share and the KRA sanction exceed the fee"),
        ),
        migrations.RunPython(fee_on_actual_cost_to_target, migrations.RunPython.noop),
    ]
