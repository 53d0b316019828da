from django.urls import path

from . import views

urlpatterns = [
    path("procurements/<int:pk>/evaluation/", views.report, name="evaluation_report"),
    path("procurements/<int:pk>/evaluation/trail/", views.trail, name="evaluation_trail"),
    path("procurements/<int:pk>/evaluation/report.pdf", views.report_pdf, name="evaluation_pdf"),
    path("procurements/<int:pk>/evaluation/figures.json", views.figures_json, name="evaluation_json"),
    path("procurements/<int:pk>/evaluation/figures.csv", views.figures_csv, name="evaluation_csv"),
    path("procurements/<int:pk>/evaluation/experience-surveys/new/", views.experience_survey_create,
         name="experience_survey_create"),
    path("procurements/<int:pk>/evaluation/self-assessment/", views.self_assessment_edit, name="self_assessment_edit"),
    path("evaluation/compare/", views.compare, name="evaluation_compare"),
]
