from django.urls import path

from . import views

urlpatterns = [
    path("procurements/<int:pk>/tender/", views.tender_page, name="tender"),
    path("procurements/<int:pk>/tender/edit/", views.tender_edit, name="tender_edit"),
    path("procurements/<int:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path("tenders/<int:pk>/criteria/new/", views.criterion_add, name="criterion_add"),
    path("tenders/<int:pk>/lots/new/", views.lot_add, name="lot_add"),
    path("tenders/<int:pk>/publish/", views.tender_publish, name="tender_publish"),
    path("tenders/<int:pk>/questions/new/", views.question_ask, name="question_ask"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("tenders/<int:pk>/bid/", views.bid_submit, name="bid_submit"),
    path("tenders/<int:pk>/bid/attachments/", views.bid_attachments, name="bid_attachments"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("bids/<int:pk>/withdraw/", views.bid_withdraw, name="bid_withdraw"),
    path("tenders/<int:pk>/open/", views.bids_open, name="bids_open"),
    path("tenders/<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("tenders/<int:pk>/settlement/", views.settlement, name="settlement"),
    path("tenders/<int:pk>/award/", views.award, name="award"),
    path("tenders/<int:pk>/invitation.pdf", views.tender_pdf, name="tender_pdf"),
    path("tenders/<int:pk>/award.pdf", views.award_pdf, name="award_pdf"),
    path("tenders/<int:pk>/complaints/new/", views.complaint_file, name="complaint_file"),
    path("complaints/<int:pk>/answer/", views.complaint_answer, name="complaint_answer"),
    path("tenders/<int:pk>/documents/<slug:kind>/", views.tender_document, name="tender_document"),
    path("tenders/<int:pk>/documents/<slug:kind>/sections/new/", views.section_add, name="section_add"),
    path("tenders/<int:pk>/documents/<slug:kind>/versions/<int:number>/", views.document_version, name="document_version"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/comments/new/", views.section_comment, name="section_comment"),
    path("section-comments/<int:pk>/redactions/", views.comment_redact, name="comment_redact"),
]
