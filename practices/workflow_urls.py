"""URLs of the submission pages (namespace ``workflow``), language-prefixed by the project URLs.

The moderators' pages have their own module, ``practices.moderation_urls``.
"""

from django.urls import path

from . import currency_views, step_views, translation_views
from . import submission_views as views

app_name = "workflow"

urlpatterns = [
    path("my-state/", views.dashboard, name="dashboard"),
    path("signed-in/", views.home, name="home"),
    path("my-state/practices/new/", views.practice_create, name="practice_create"),
    path("my-state/practices/start/", step_views.practice_start, name="practice_start"),
    path(
        "my-state/practices/<int:pk>/edit/<slug:step>/",
        step_views.practice_step,
        name="practice_step",
    ),
    path("my-state/practices/<int:pk>/", views.practice_status, name="practice_status"),
    path(
        "my-state/practices/<int:pk>/currency/",
        currency_views.currency_answer,
        name="currency_answer",
    ),
    path(
        "my-state/practices/<int:pk>/translations/",
        translation_views.translation_list,
        name="translation_list",
    ),
    path(
        "my-state/practices/<int:pk>/translations/<str:language>/",
        translation_views.translation_edit,
        name="translation_edit",
    ),
    path("my-state/practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("my-state/practices/<int:pk>/preview/", views.practice_preview, name="practice_preview"),
    path("my-state/practices/<int:pk>/submit/", views.practice_submit, name="practice_submit"),
    path(
        "my-state/practices/<int:pk>/withdraw/", views.practice_withdraw, name="practice_withdraw"
    ),
    path("my-state/practices/<int:pk>/revise/", views.practice_revise, name="practice_revise"),
    path(
        "my-state/practices/<int:pk>/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "my-state/attachments/<uuid:public_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "my-state/states/<slug:state_slug>/contacts/new/",
        views.contact_create,
        name="contact_create",
    ),
    path("my-state/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("attachments/<uuid:public_id>/", views.attachment_download, name="attachment_download"),
]
