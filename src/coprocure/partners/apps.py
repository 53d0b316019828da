from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "coprocure.partners"
    label = "partners"
    verbose_name = _("Providers and their services")
