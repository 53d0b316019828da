from django.urls import path

from . import views

urlpatterns = [
    path("contracts/<int:pk>/settlements/", views.periods, name="settlement_periods"),
    path("contracts/<int:pk>/settlements/new/", views.period_create, name="settlement_period_create"),
    path("settlements/<int:pk>/", views.statement, name="settlement_statement"),
    path("settlements/<int:pk>/statement.pdf", views.statement_pdf, name="settlement_statement_pdf"),
    path("settlements/<int:pk>/costs/new/", views.cost_report, name="cost_report"),
    path("settlements/<int:pk>/approve/", views.statement_approve, name="statement_approve"),
    path("cost-lines/<int:pk>/decision/", views.cost_decide, name="cost_decide"),
]
