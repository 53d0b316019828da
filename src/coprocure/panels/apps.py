from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "coprocure.panels"
    label = "panels"
    verbose_name = _("Panels")

    def ready(self):
        from coprocure.core import gdpr, retention

        from . import messages, personal_data, services

        messages.install()
        personal_data.install()

        gdpr.describe("panel_volunteers", gdpr.Notice(
            _("The name or pseudonym, contact and background (target group, age band, area, language, gender if "
              "given) of those who volunteer for a panel, kept apart from anything else about them."),
            _("Choosing the panel's members by a fair lottery and contacting the volunteers about it; nothing else."),
            _("Until the panel's term ends, or until they withdraw."),
        ))
        retention.register("panel_volunteers", services.forget_ended)
