from django.urls import path

from . import my_participation, views

urlpatterns = [
    path("procurements/", views.procurement_list, name="procurement_list"),
    path("procurements/<int:pk>/", views.procurement_detail, name="procurement_detail"),
    path("procurements/new/", views.procurement_create, name="procurement_create"),
    path("procurements/<int:pk>/edit/", views.procurement_edit, name="procurement_edit"),
    path("procurements/<int:pk>/phase/", views.procurement_phase, name="procurement_phase"),
    path("procurements/<int:pk>/roles/", views.procurement_roles, name="procurement_roles"),
    path("my/", views.dashboard, name="dashboard"),
    path("my/data/", views.my_data, name="my_data"),
    path("my/data/download/", views.my_data_download, name="my_data_download"),
]
urlpatterns += [
    path("my/participation/", my_participation.my_participation, name="my_participation"),
]
