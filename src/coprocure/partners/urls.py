from django.urls import path

from . import views

urlpatterns = [
    path("providers/", views.search, name="provider_search"),
    path("providers/<int:organisation_id>/", views.provider, name="provider_detail"),
    path("services/compare/", views.compare, name="service_compare"),
]
