from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and its ``coprocure demo`` command (no models)."""

    name = "coprocure.demo"
    label = "demo"
