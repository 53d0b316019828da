from django.urls import path

from . import views

urlpatterns = [
    path("procurements/<int:pk>/contracts/", views.procurement_contracts, name="procurement_contracts"),
    path("procurements/<int:pk>/contracts/new/", views.contract_create, name="contract_create"),
    path("tenders/<int:pk>/contract/", views.award_contract, name="award_contract"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/parties/new/", views.party_add, name="contract_party_add"),
    path("contracts/<int:pk>/documents/new/", views.document_add, name="contract_document_add"),
    path("contracts/<int:pk>/amendments/new/", views.amendment_add, name="contract_amendment_add"),
    path("contracts/<int:pk>/steering-group/new/", views.member_add, name="steering_member_add"),
    path("contracts/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("contracts/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/publish/", views.agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/compensations/new/", views.compensation_add, name="compensation_add"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/positions/new/", views.position_record, name="position_record"),
]
urlpatterns += [
    path("contracts/<int:pk>/kras/new/", views.kra_create, name="kra_create"),
    path("kras/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("contracts/<int:pk>/ideas/", views.proposal_submit, name="proposal_submit"),
    path("contracts/<int:pk>/ideas/thanks/", views.proposal_thanks, name="proposal_thanks"),
    path("contracts/<int:pk>/backlog/", views.backlog, name="contract_backlog"),
    path("contracts/<int:pk>/you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("proposals/<int:pk>/", views.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/redactions/", views.proposal_redact, name="proposal_redact"),
    path("contracts/<int:pk>/report/", views.report, name="contract_report"),
    path("contracts/<int:pk>/outcomes/", views.outcomes, name="contract_outcomes"),
    path("indicators/<int:pk>/survey/", views.indicator_survey, name="indicator_survey"),
    path("indicators/<int:pk>/survey/next-round/", views.survey_round_open, name="survey_round_open"),
    path("indicators/<int:pk>/survey/results/", views.survey_measure, name="survey_measure"),
]

# Staff corrections of records entered by mistake.
urlpatterns += [
    path(f"{prefix}/<int:pk>/{action}/", view, {"kind": kind}, name=f"{kind}_{action}")
    for kind, prefix in (("member", "steering-members"), ("meeting", "meetings"), ("kra", "kras"),
                         ("indicator", "indicators"), ("document", "documents"))
    for action, view in (("edit", views.record_edit), ("remove", views.record_remove))
]
