from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "coprocure.alliance"
    verbose_name = _("Alliance settlements")

    def ready(self):
        from coprocure.contracts import services as contracts

        from . import selectors

        contracts.KRA_KEEPERS.append(selectors.kras_kept)
