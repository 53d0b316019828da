from django.apps import AppConfig


class GenerateConfig(AppConfig):
    """Synthetic data in bulk and its ``coprocure generate`` command (no models)."""

    name = "coprocure.generate"
    label = "generate"
