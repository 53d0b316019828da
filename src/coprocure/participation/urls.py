from django.urls import path

from . import views

urlpatterns = [
    path("procurements/<int:pk>/participation/", views.procurement_participation, name="participation"),
    path("procurements/<int:pk>/participation/plan/", views.plan_edit, name="participation_plan_edit"),
    path("procurements/<int:pk>/participation/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/contributions/", views.contributions, name="contributions"),
    path("procurements/<int:pk>/participation/payroll.csv", views.payroll_export, name="payroll_export"),
    path("activities/<int:pk>/register/", views.activity_register, name="activity_register"),
    path("activities/<int:pk>/roster/", views.activity_roster, name="activity_roster"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("registrations/<int:pk>/confirm/", views.registration_confirm, name="registration_confirm"),
    path("activities/<int:pk>/surveys/new/", views.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey_answer"),
    path("surveys/<int:pk>/share/", views.survey_share, name="survey_share"),
    path("surveys/<int:pk>/qr.svg", views.survey_qr, {"extension": "svg"}, name="survey_qr_svg"),
    path("surveys/<int:pk>/qr.png", views.survey_qr, {"extension": "png"}, name="survey_qr_png"),
    path("surveys/<int:pk>/print.pdf", views.survey_print, name="survey_print"),
    path("surveys/<int:pk>/thanks/", views.survey_thanks, name="survey_thanks"),
    path("surveys/<int:pk>/batch/", views.batch_enter, name="batch_enter"),
    path("surveys/<int:pk>/questions/", views.question_add, name="question_add"),
    path("surveys/<int:pk>/results/", views.survey_results, name="survey_results"),
    path("surveys/<int:pk>/results.csv", views.survey_results_export, {"extension": "csv"}, name="survey_results_csv"),
    path("surveys/<int:pk>/results.xlsx", views.survey_results_export, {"extension": "xlsx"}, name="survey_results_xlsx"),
    path("procurements/<int:pk>/you-said-we-did/", views.you_said_we_did, name="participation_you_said_we_did"),
    path("procurements/<int:pk>/participation/equality/", views.equality_monitor, name="equality_monitor"),
    path("procurements/<int:pk>/equality/", views.public_equality, name="public_equality"),
    path("procurements/<int:pk>/insights/new/", views.insight_create, name="insight_create"),
    path("insights/<int:pk>/decision/", views.insight_decide, name="insight_decide"),
    path("insights/<int:pk>/redactions/", views.excerpt_redact, name="excerpt_redact"),
]
