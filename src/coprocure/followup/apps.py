from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "coprocure.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from coprocure.core import gdpr, signals

        from . import services

        gdpr.register("follow_up", services.export_person, services.erase_person)
        signals.phase_changed.connect(services.on_phase_change, dispatch_uid="followup.forget_on_close")
