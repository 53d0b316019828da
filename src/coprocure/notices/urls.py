from django.urls import path

from . import views

urlpatterns = [
    path("procurements/<int:pk>/notices/", views.notices, name="notices"),
    path("procurements/<int:pk>/notices/send/", views.send, name="notices_send"),
    path("procurements/<int:pk>/notices/<str:kind>/preview/", views.preview, name="notices_preview"),
    path("procurements/<int:pk>/notices/<str:kind>.xml", views.download, name="notices_xml"),
]
