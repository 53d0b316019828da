from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "coprocure.procedures"
    label = "procedures"
    verbose_name = _("Procedures")

    def ready(self) -> None:
        from . import messages

        messages.install()
