"""A panel belongs to a procurement, a contract or an authority, exactly one. Every existing panel
belongs to a procurement, which it keeps: the constraint holds for them as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("panels", "0003_drawn_deputies_member_accounts_draw_jobs"),
        ("contracts", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="panel",
            name="procurement",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="panels", to="core.procurement"),
        ),
        migrations.AddField(
            model_name="panel",
            name="contract",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="panels", to="contracts.contract"),
        ),
        migrations.AddField(
            model_name="panel",
            name="authority",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="panels", to="core.organisation"),
        ),
        migrations.AddConstraint(
            model_name="panel",
            constraint=models.CheckConstraint(
                condition=models.Q(("authority__isnull", True), ("contract__isnull", True), ("procurement__isnull", False))
                | models.Q(("authority__isnull", True), ("contract__isnull", False), ("procurement__isnull", True))
                | models.Q(("authority__isnull", False), ("contract__isnull", True), ("procurement__isnull", True)),
                name="panel_has_exactly_one_owner"),
        ),
    ]
