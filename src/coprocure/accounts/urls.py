from django.urls import path

from . import views

urlpatterns = [path("signin/confirm/", views.two_factor, name="two_factor")]
