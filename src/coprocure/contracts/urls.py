from django.urls import path

from .views import backlog, contract, corrections, invitations, outcomes, reports, steering

urlpatterns = [
    path("procurements/<int:pk>/contracts/", contract.procurement_contracts, name="procurement_contracts"),
    path("procurements/<int:pk>/contracts/new/", contract.contract_create, name="contract_create"),
    path("tenders/<int:pk>/contract/", contract.award_contract, name="award_contract"),
    path("contracts/<int:pk>/", contract.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/parties/new/", contract.party_add, name="contract_party_add"),
    path("contracts/<int:pk>/documents/new/", contract.document_add, name="contract_document_add"),
    path("contracts/<int:pk>/amendments/new/", contract.amendment_add, name="contract_amendment_add"),
]
urlpatterns += [
    path("contracts/<int:pk>/steering-group/new/", steering.member_add, name="steering_member_add"),
    path("contracts/<int:pk>/meetings/new/", steering.meeting_create, name="meeting_create"),
    path("contracts/<int:pk>/decisions/new/", steering.decision_create, name="decision_create"),
    path("meetings/<int:pk>/", steering.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/publish/", steering.agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/minutes/", steering.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/compensations/new/", steering.compensation_add, name="compensation_add"),
    path("decisions/<int:pk>/", steering.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/positions/new/", steering.position_record, name="position_record"),
]
urlpatterns += [
    path("contracts/<int:pk>/proposals/", backlog.proposal_submit, name="proposal_submit"),
    path("ideas/<str:reference>/thanks/", backlog.proposal_thanks, name="proposal_thanks"),
    path("ideas/", backlog.idea_lookup, name="idea_lookup"),
    path("ideas/<str:reference>/", backlog.idea_status, name="idea_status"),
    path("contracts/<int:pk>/backlog/", backlog.backlog, name="contract_backlog"),
    path("contracts/<int:pk>/you-said-we-did/", backlog.you_said_we_did, name="you_said_we_did"),
    path("proposals/<int:pk>/", backlog.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/redactions/", backlog.proposal_redact, name="proposal_redact"),
    path("proposals/<int:pk>/publish/", backlog.proposal_publish, name="proposal_publish"),
]
urlpatterns += [
    path("contracts/<int:pk>/kras/new/", outcomes.kra_create, name="kra_create"),
    path("kras/<int:pk>/indicators/new/", outcomes.indicator_create, name="indicator_create"),
    path("contracts/<int:pk>/report/", reports.report, name="contract_report"),
    path("contracts/<int:pk>/outcomes/", outcomes.outcomes, name="contract_outcomes"),
    path("indicators/<int:pk>/survey/", outcomes.indicator_survey, name="indicator_survey"),
    path("indicators/<int:pk>/survey/next-round/", outcomes.survey_round_open, name="survey_round_open"),
    path("indicators/<int:pk>/survey/results/", outcomes.survey_measure, name="survey_measure"),
    path("indicators/<int:pk>/invitations/", invitations.indicator_invitations, name="indicator_invitations"),
    path("figure-flags/<int:pk>/clear/", invitations.figure_flag_clear, name="figure_flag_clear"),
    path("outcome-answer/", invitations.outcome_answer, name="outcome_answer"),
]

# Staff corrections of records entered by mistake.
urlpatterns += [
    path(f"{prefix}/<int:pk>/{action}/", view, {"kind": kind}, name=f"{kind}_{action}")
    for kind, prefix in (("member", "steering-members"), ("meeting", "meetings"), ("kra", "kras"),
                         ("indicator", "indicators"), ("document", "documents"))
    for action, view in (("edit", corrections.record_edit), ("remove", corrections.record_remove))
]
