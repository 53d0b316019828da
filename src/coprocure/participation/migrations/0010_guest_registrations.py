from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("participation", "0009_signed_tokens_and_mixing"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="registration",
            name="participant",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="registrations", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name="registration",
            name="name",
            field=models.CharField(blank=True, max_length=100, verbose_name="name or pseudonym"),
        ),
        migrations.AddField(
            model_name="registration",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="e-mail address"),
        ),
        migrations.AddField(
            model_name="registration",
            name="phone",
            field=models.CharField(blank=True, max_length=20, verbose_name="mobile phone number"),
        ),
        migrations.AddField(
            model_name="registration",
            name="language",
            field=models.CharField(choices=[("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")], default="fi",
                                   max_length=2),
        ),
    ]
