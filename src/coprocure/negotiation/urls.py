from django.urls import path

from . import pdf_views, views

urlpatterns = [
    path("stages/<int:pk>/negotiation/", views.negotiation, name="negotiation"),
    path("stages/<int:pk>/negotiation/meetings/", views.add_meeting, name="negotiation_meeting"),
    path("stages/<int:pk>/negotiation/information/", views.send_information, name="negotiation_information"),
    path("stages/<int:pk>/negotiation/tender-change/", views.publish_tender_change, name="negotiation_tender_change"),
    path("stages/<int:pk>/negotiation/solutions/", views.propose_solution, name="negotiation_solution"),
    path("negotiation-meetings/<int:pk>/minutes/", views.write_minutes, name="negotiation_minutes"),
    path("negotiation-meetings/<int:pk>/response/", views.respond, name="negotiation_response"),
    path("negotiation-meetings/<int:pk>/representatives/", views.name_representative,
         name="negotiation_representative"),
    path("negotiation-meetings/<int:pk>/minutes.pdf", pdf_views.minutes_pdf, name="negotiation_minutes_pdf"),
]
