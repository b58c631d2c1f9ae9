"""Ask this State (namespace ``conversations``), language-prefixed by the project URLs."""

from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("states/<slug:slug>/ask/", views.ask_state, name="ask_state"),
    path("practices/<slug:slug>/ask/", views.ask_about_practice, name="ask_practice"),
    path("questions/<int:pk>/", views.thread, name="thread"),
    path("questions/<int:pk>/answered/", views.mark_answered, name="mark_answered"),
    path("questions/<int:pk>/release/", views.release, name="release"),
    path("questions/messages/<int:pk>/report/", views.report_message, name="report"),
    path("questions/messages/<int:pk>/block/", views.block_sender, name="block"),
    path("my-questions/", views.my_questions, name="my_questions"),
    path("my-state/questions/", views.state_questions, name="state_questions"),
    path("moderation/questions/", views.moderation_queue, name="moderation_queue"),
]
