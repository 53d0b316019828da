from django.urls import path

from . import views, views_body, views_development

urlpatterns = [
    path("contracts/<int:pk>/settlements/", views.periods, name="settlement_periods"),
    path("contracts/<int:pk>/settlements/new/", views.period_create, name="settlement_period_create"),
    path("settlements/<int:pk>/", views.statement, name="settlement_statement"),
    path("settlements/<int:pk>/statement.pdf", views.statement_pdf, name="settlement_statement_pdf"),
    path("settlements/<int:pk>/costs/new/", views.cost_report, name="cost_report"),
    path("settlements/<int:pk>/approve/", views.statement_approve, name="statement_approve"),
    path("cost-lines/<int:pk>/decision/", views.cost_decide, name="cost_decide"),
    path("contracts/<int:pk>/alliance-leadership/", views_body.leadership, name="alliance_leadership"),
    path("contracts/<int:pk>/alliance-leadership/decisions/new/", views_body.leadership_decision_create,
         name="leadership_decision_create"),
    path("contracts/<int:pk>/auditors/new/", views_body.auditor_appoint, name="auditor_appoint"),
    path("settlements/<int:pk>/open-book/", views_body.open_book, name="settlement_open_book"),
    path("settlements/<int:pk>/audit-reports/new/", views_body.audit_report_create, name="audit_report_create"),
    path("contracts/<int:pk>/development/", views_development.development, name="alliance_development"),
    path("contracts/<int:pk>/development/<slug:element>/new/", views_development.draft_propose, name="draft_propose"),
    path("development-drafts/<int:pk>/position/", views_development.draft_position, name="draft_position"),
    path("contracts/<int:pk>/development/service-phase/", views_development.start_service,
         name="alliance_start_service"),
]
