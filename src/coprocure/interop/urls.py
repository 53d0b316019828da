from django.urls import path

from . import views

urlpatterns = [
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/ocds-releases.json", views.open_data_package, name="open_data_package"),
]
