"""Expert review's pages (namespace ``reviews``), language-prefixed like every page."""

from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("review-criteria/", views.criteria, name="criteria"),
    path("reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/decline/", views.decline, name="decline"),
    path("reviews/invite/", views.invite, name="invite"),
    path("moderation/practices/<int:pk>/ask-reviewers/", views.ask, name="ask"),
]
