from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "coprocure.jobs"
    default_auto_field = "django.db.models.BigAutoField"
