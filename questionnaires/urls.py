from django.urls import path

from . import views

app_name = "questionnaires"

urlpatterns = [
    path("questionnaires/", views.round_list, name="round_list"),
    path("questionnaires/review/", views.review_queue, name="review_queue"),
    path("questionnaires/<int:year>/", views.round_results, name="round_results"),
    path(
        "questionnaires/<int:year>/results.csv",
        views.round_results_csv,
        name="round_results_csv",
    ),
    path("questionnaires/<int:year>/answer/", views.answer_start, name="answer_start"),
    path(
        "questionnaires/<int:year>/responses/<slug:state>/",
        views.response_detail,
        name="response_detail",
    ),
    path(
        "questionnaires/<int:year>/responses/<slug:state>/edit/",
        views.response_edit,
        name="response_edit",
    ),
    path(
        "questionnaires/<int:year>/responses/<slug:state>/action/",
        views.response_action,
        name="response_action",
    ),
]
