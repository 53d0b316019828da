from django.urls import path

from . import views

urlpatterns = [
    path("", views.front_door, name="home"),
    path("take-part/feed.atom", views.atom_feed, name="takepart_atom"),
    path("take-part/events.ics", views.calendar_feed, name="takepart_ics"),
    path("o/<str:code>/", views.activity_page, name="takepart_activity"),
    path("o/<str:code>/poster/", views.activity_poster, name="takepart_poster"),
]
