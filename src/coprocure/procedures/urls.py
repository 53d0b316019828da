from django.urls import path

from . import views

urlpatterns = [
    path("procurements/<int:pk>/procedure/", views.procedure, name="procedure"),
    path("procurements/<int:pk>/procedure/default/", views.accept_default, name="procedure_default"),
    path("procurements/<int:pk>/procedure/stages/", views.add_stage, name="procedure_stage_add"),
    path("procurements/<int:pk>/procedure/plan/", views.save_plan, name="procedure_plan"),
    path("procurements/<int:pk>/procedure/publish/", views.publish, name="procedure_publish"),
    path("stages/<int:pk>/", views.change_stage, name="stage_change"),
    path("stages/<int:pk>/remove/", views.remove_stage, name="stage_remove"),
    path("stages/<int:pk>/open/", views.open_stage, name="stage_open"),
    path("stages/<int:pk>/close/", views.close_stage, name="stage_close"),
    path("stages/<int:pk>/call/", views.call, name="call"),
    path("stages/<int:pk>/call/save/", views.save_call, name="call_save"),
    path("stages/<int:pk>/call/requirements/", views.add_requirement, name="call_requirement_add"),
    path("stages/<int:pk>/call/request/", views.submit_request, name="request_submit"),
    path("stages/<int:pk>/call/open/", views.open_requests, name="requests_open"),
    path("stages/<int:pk>/call/checks/", views.check_requirement, name="request_check"),
    path("stages/<int:pk>/call/selection/", views.decide_selection, name="selection_decide"),
    path("stages/<int:pk>/call/selection.pdf", views.selection_pdf, name="selection_pdf"),
    path("stages/<int:pk>/round/", views.round_page, name="round"),
    path("stages/<int:pk>/round/bid/", views.submit_round_bid, name="round_bid_submit"),
    path("stages/<int:pk>/round/open/", views.open_round_bids, name="round_open"),
    path("stages/<int:pk>/round/reduction/", views.decide_reduction, name="reduction_decide"),
    path("round-bids/<int:pk>/withdraw/", views.withdraw_round_bid, name="round_bid_withdraw"),
    path("participation-requests/<int:pk>/withdraw/", views.withdraw_request, name="request_withdraw"),
]
