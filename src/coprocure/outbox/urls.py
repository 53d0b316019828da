from django.urls import path

from . import views

urlpatterns = [
    path("staff/messages/failed/", views.failed_messages, name="outbox_failed"),
    path("staff/messages/<int:pk>/retry/", views.retry, name="outbox_retry"),
]
