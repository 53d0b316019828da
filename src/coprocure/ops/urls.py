from django.urls import path

from . import pages

urlpatterns = [
    path("jobs/<uuid:pk>/", pages.job_detail, name="job_detail"),
    path("jobs/<uuid:pk>/download/", pages.job_download, name="job_download"),
]
