from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "coprocure.core"
    label = "core"
    verbose_name = _("Organisations and procurements")

    def ready(self):
        from . import accessibility, retention

        retention.register("accessibility_feedback", accessibility.forget_answered)
