"""403, 404 and 500 are the site's own pages and reveal nothing of the internals."""

import pytest
from django.template.loader import render_to_string
from django.test import Client

pytestmark = pytest.mark.django_db


def test_404_is_the_sites_own_page(client, settings):
    settings.DEBUG = False
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Traceback" not in html and "urlpatterns" not in html


def test_403_is_the_sites_own_page(client, submitter, settings):
    settings.DEBUG = False
    client.force_login(submitter)
    response = client.get("/en/moderation/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_500_renders_without_any_context():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "{{" not in html


@pytest.mark.urls("tests.workflow.boom_urls")
def test_an_unhandled_error_answers_with_the_500_page(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "secret internal detail" not in html
    assert "RuntimeError" not in html
