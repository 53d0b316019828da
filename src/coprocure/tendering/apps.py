from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


def check_bid_key(app_configs, **kwargs):
    """A malformed bid key would only show when the first tender is published; say so at start."""
    from cryptography.fernet import Fernet
    from django.conf import settings

    try:
        Fernet(settings.COPROCURE_BID_KEY.encode())
    except (ValueError, TypeError):
        return [checks.Error("COPROCURE_BID_KEY is not a Fernet key (32 random bytes, URL-safe base64).",
                             id="tendering.E001")]
    return []


class TenderingConfig(AppConfig):
    name = "coprocure.tendering"
    label = "tendering"
    verbose_name = _("Tendering")

    def ready(self):
        checks.register(check_bid_key)
