from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "coprocure.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self):
        from coprocure.participation import services as participation

        from . import personal_data
        from .models import SurveyRound

        personal_data.install()

        # An outcome round's survey is answered with invitation codes only: its open link refuses.
        participation.register_invitation_only(lambda survey: SurveyRound.objects.filter(survey=survey).exists())
