"""Markdown in descriptions is rendered safely: no script, no event handler, no javascript: link
survives, on the preview, the public page and the review page."""

import pytest
from django.urls import reverse

from practices import workflow
from practices.models import Practice

S = Practice.Status
pytestmark = pytest.mark.django_db

HOSTILE = """Intro with **bold**.

<script>alert('xss')</script>

<img src="x" onerror="alert('xss')">

<a href="#" onclick="alert('xss')">click</a>

[a link](javascript:alert('xss'))

<a href="JaVaScRiPt:alert('xss')">mixed case</a>

<iframe src="https://evil.example"></iframe>

[fine](https://example.org)
"""


def _assert_safe(html):
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html


@pytest.fixture
def hostile(client, submitter, form_data):
    client.force_login(submitter)
    client.post(reverse("workflow:practice_create"), form_data(description=HOSTILE))
    return Practice.objects.get()


def test_the_hostile_markdown_is_stored_as_typed(hostile):
    assert hostile.description == HOSTILE.strip()


def test_preview_is_sanitised(hostile, client):
    response = client.get(reverse("workflow:practice_preview", kwargs={"pk": hostile.pk}))
    _assert_safe(response.content.decode())


def test_public_page_is_sanitised_after_approval(hostile, submitter, moderator, client):
    workflow.submit(hostile, by=submitter)
    workflow.approve(hostile, by=moderator)
    client.logout()
    _assert_safe(client.get(hostile.get_absolute_url()).content.decode())


def test_review_page_is_sanitised(hostile, submitter, moderator, client):
    workflow.submit(hostile, by=submitter)
    client.force_login(moderator)
    _assert_safe(
        client.get(reverse("moderation:review", kwargs={"pk": hostile.pk})).content.decode()
    )


def test_plain_text_fields_are_escaped(client, submitter, form_data):
    client.force_login(submitter)
    client.post(
        reverse("workflow:practice_create"),
        form_data(title="<b onmouseover=alert(1)>T</b>", results="<script>x()</script>"),
    )
    practice = Practice.objects.get()
    html = client.get(
        reverse("workflow:practice_status", kwargs={"pk": practice.pk})
    ).content.decode()
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=alert(1)&gt;" in html
