from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketDialogueConfig(AppConfig):
    name = "coprocure.market_dialogue"
    label = "market_dialogue"
    verbose_name = _("Market dialogue")

    def ready(self) -> None:
        from . import messages

        messages.install()
