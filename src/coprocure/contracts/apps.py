from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "coprocure.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self):
        from . import personal_data

        personal_data.install()
