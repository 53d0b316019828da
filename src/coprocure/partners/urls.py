from django.urls import path

from . import views

urlpatterns = [
    path("providers/", views.search, name="provider_search"),
    path("providers/<int:organisation_id>/", views.provider, name="provider_detail"),
    path("providers/<int:organisation_id>/edit/", views.profile_edit, name="provider_profile_edit"),
    path("providers/<int:organisation_id>/confirm/", views.profile_confirm, name="provider_profile_confirm"),
    path("providers/<int:organisation_id>/services/new/", views.service_edit, name="provider_service_new"),
    path("providers/<int:organisation_id>/services/<int:service_id>/edit/", views.service_edit, name="provider_service_edit"),
    path("services/compare/", views.compare, name="service_compare"),
    path("networks/", views.network_list, name="network_list"),
    path("networks/new/", views.network_create, name="network_create"),
    path("networks/<int:pk>/", views.network_detail, name="network_detail"),
    path("activities/<int:pk>/table/", views.table_detail, name="partnership_table"),
    path("activities/<int:pk>/table/edit/", views.table_edit, name="partnership_table_edit"),
    path("procurements/<int:pk>/consortia/", views.consortium_list, name="consortium_list"),
    path("consortia/<int:pk>/", views.consortium_detail, name="consortium_detail"),
    path("organisations/import/", views.organisation_import, name="organisation_import"),
]
