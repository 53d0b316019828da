from django.urls import path

from . import legal_views

urlpatterns = [
    path("accessibility/", legal_views.accessibility_statement, name="accessibility_statement"),
    path("accessibility/thanks/", legal_views.accessibility_feedback_sent, name="accessibility_feedback_sent"),
    path("privacy/", legal_views.privacy_notice, name="privacy_notice"),
]
