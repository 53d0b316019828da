from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "coprocure.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from . import personal_data, retention

        retention.install()
        personal_data.install()
