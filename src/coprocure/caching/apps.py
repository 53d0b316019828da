from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "coprocure.caching"
    label = "caching"

    def ready(self):
        from . import signals

        signals.connect()
