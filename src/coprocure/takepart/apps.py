from django.apps import AppConfig


class TakepartConfig(AppConfig):
    name = "coprocure.takepart"
    verbose_name = "Take part"
