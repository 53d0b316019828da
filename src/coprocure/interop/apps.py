from django.apps import AppConfig


class InteropConfig(AppConfig):
    """Open-data exports; an app only so that ``coprocure export-ocds`` is found."""

    name = "coprocure.interop"
    label = "interop"
