from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "coprocure.web"
    label = "web"
