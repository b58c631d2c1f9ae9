"""The site's fixed pages and "What's new" (namespace ``pages``)."""

from django.urls import path

from . import contact, page_views

app_name = "pages"

urlpatterns = [
    path("about/", page_views.page("about"), name="about"),
    path("accessibility/", page_views.page("accessibility"), name="accessibility"),
    path("api-and-data/", page_views.page("api_data"), name="api_data"),
    path("contact/", contact.contact, name="contact"),
    path("whats-new/", page_views.whats_new, name="whats_new"),
]
