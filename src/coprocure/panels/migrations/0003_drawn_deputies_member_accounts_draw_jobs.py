import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("panels", "0002_volunteer_language"),
        ("ops", "0002_job_heartbeat"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="panel",
            name="deputies",
            field=models.PositiveSmallIntegerField(
                default=0, validators=[django.core.validators.MaxValueValidator(50)], verbose_name="deputies"),
        ),
        migrations.AddField(
            model_name="volunteer",
            name="account",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="panel_volunteering", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name="draw",
            name="kind",
            field=models.CharField(choices=[("initial", "Draw of the panel"), ("replacement", "Draw of replacements"),
                                            ("deputies", "Draw of deputies")], max_length=16),
        ),
        migrations.AddField(
            model_name="draw",
            name="job",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="ops.job"),
        ),
        migrations.AddField(
            model_name="draw",
            name="failure",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
