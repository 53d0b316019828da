from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationConfig(AppConfig):
    name = "coprocure.negotiation"
    label = "negotiation"
    verbose_name = _("Negotiation meetings and equal information")

    def ready(self) -> None:
        from . import messages

        messages.install()
