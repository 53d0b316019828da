from django.urls import path

from . import views

urlpatterns = [
    path("surveys/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("follow-up/unsubscribe/<str:token>/", views.unsubscribe, name="follow_up_unsubscribe"),
]
