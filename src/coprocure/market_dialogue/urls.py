from django.urls import path

from . import pdf_views, views

urlpatterns = [
    path("stages/<int:pk>/market-dialogue/", views.dialogue, name="market_dialogue"),
    path("stages/<int:pk>/market-dialogue/seats/", views.save_seats, name="market_dialogue_seats"),
    path("stages/<int:pk>/market-dialogue/register/", views.register, name="market_dialogue_register"),
    path("stages/<int:pk>/market-dialogue/questions/", views.ask, name="market_dialogue_ask"),
    path("stages/<int:pk>/market-dialogue/sessions/", views.add_session, name="market_dialogue_session"),
    path("stages/<int:pk>/market-dialogue/learnings/", views.add_learning, name="market_dialogue_learning"),
    path("dialogue-registrations/<int:pk>/decision/", views.decide, name="market_dialogue_decide"),
    path("dialogue-questions/<int:pk>/answer/", views.answer, name="market_dialogue_answer"),
    path("dialogue-sessions/<int:pk>/minutes/", views.publish_minutes, name="market_dialogue_minutes"),
    path("dialogue-sessions/<int:pk>/minutes.pdf", pdf_views.minutes_pdf, name="market_dialogue_minutes_pdf"),
]
