from django.urls import path

from .views import award, bids, clarifications, complaints, documents, scoring, tender

urlpatterns = [
    path("procurements/<int:pk>/tender/", tender.tender_page, name="tender"),
    path("procurements/<int:pk>/tender/edit/", tender.tender_edit, name="tender_edit"),
    path("procurements/<int:pk>/objectives/new/", tender.objective_create, name="objective_create"),
    path("tenders/<int:pk>/criteria/new/", tender.criterion_add, name="criterion_add"),
    path("tenders/<int:pk>/lots/new/", tender.lot_add, name="lot_add"),
    path("tenders/<int:pk>/publish/", tender.tender_publish, name="tender_publish"),
    path("tenders/<int:pk>/invitation.pdf", tender.tender_pdf, name="tender_pdf"),
    path("tenders/<int:pk>/questions/new/", clarifications.question_ask, name="question_ask"),
    path("questions/<int:pk>/answer/", clarifications.question_answer, name="question_answer"),
    path("tenders/<int:pk>/bid/", bids.bid_submit, name="bid_submit"),
    path("tenders/<int:pk>/bid/attachments/", bids.bid_attachments, name="bid_attachments"),
    path("attachments/<int:pk>/remove/", bids.attachment_remove, name="attachment_remove"),
    path("attachments/<int:pk>/", bids.attachment_download, name="attachment_download"),
    path("bids/<int:pk>/withdraw/", bids.bid_withdraw, name="bid_withdraw"),
    path("tenders/<int:pk>/open/", bids.bids_open, name="bids_open"),
    path("tenders/<int:pk>/scoring/", scoring.scoring, name="scoring"),
    path("tenders/<int:pk>/settlement/", scoring.settlement, name="settlement"),
    path("tenders/<int:pk>/award/", award.award, name="award"),
    path("tenders/<int:pk>/award.pdf", award.award_pdf, name="award_pdf"),
    path("tenders/<int:pk>/complaints/new/", complaints.complaint_file, name="complaint_file"),
    path("complaints/<int:pk>/answer/", complaints.complaint_answer, name="complaint_answer"),
    path("tenders/<int:pk>/documents/<slug:kind>/", documents.tender_document, name="tender_document"),
    path("tenders/<int:pk>/documents/<slug:kind>/sections/new/", documents.section_add, name="section_add"),
    path("tenders/<int:pk>/documents/<slug:kind>/versions/<int:number>/", documents.document_version,
         name="document_version"),
    path("sections/<int:pk>/edit/", documents.section_edit, name="section_edit"),
    path("sections/<int:pk>/comments/new/", documents.section_comment, name="section_comment"),
    path("section-comments/<int:pk>/redactions/", documents.comment_redact, name="comment_redact"),
]
