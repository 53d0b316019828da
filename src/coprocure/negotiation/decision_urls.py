"""The close of a competitive dialogue and an innovation partnership's R&D milestones."""
from django.urls import path

from . import milestone_views, views

urlpatterns = [
    path("stages/<int:pk>/negotiation/close-dialogue/", views.close_dialogue, name="negotiation_close_dialogue"),
    path("stages/<int:pk>/negotiation/close/", views.close_stage, name="negotiation_close_stage"),
    path("stages/<int:pk>/milestones/", milestone_views.milestones, name="milestones"),
    path("stages/<int:pk>/milestones/new/", milestone_views.add_milestone, name="milestone_add"),
    path("stages/<int:pk>/milestones/partnership-end/", milestone_views.end_partnership,
         name="milestone_end_partnership"),
    path("stages/<int:pk>/milestones/service-phase/", milestone_views.begin_service_phase,
         name="milestone_service_phase"),
    path("milestones/<int:pk>/result/", milestone_views.submit_result, name="milestone_result"),
    path("milestones/<int:pk>/decision/", milestone_views.decide, name="milestone_decision"),
]
