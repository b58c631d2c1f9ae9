"""Cross-site scripting: every payload of ``payloads.py`` in every user-writable text field,
rendered in every output, leaves no executable markup.

Outputs: the practice page, the State page (contacts, institutions), search results and
snippets, the theme feed, the CSV export (formula guard), the API (JSON, never HTML), and in
batches the submitter's preview, the moderator's review page and diff, the status page with the
moderator's comment, the join requests page, a questionnaire response page and the notification
emails. ASVS 4.0.3 V5.2.1 (sanitised Markdown), V5.3.1, V5.3.3, V5.3.6, V14.4.1, V14.4.3.
"""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import JoinRequest
from practices import workflow
from practices.indexing import update_search_index
from practices.models import Practice
from questionnaires.models import Question, Response
from tests import factories
from tests.questionnaires.factories import AnswerFactory, QuestionFactory, ResponseFactory

from .payloads import PAYLOADS

S = Practice.Status
pytestmark = pytest.mark.django_db

SITE_SCRIPTS = ("/static/",)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}
MARK = "zyxqmark"  # a word each probe practice carries, to find it by search
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d")
PRACTICE_FIELDS = ("summary", "description", "objectives", "results", "lessons")


class ActiveMarkup(HTMLParser):
    """Collects what a browser would run: scripts not served by the site, event handlers,
    script URLs, CSS expressions, refreshes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if (
            tag == "script"
            and not (attributes.get("src") or "").startswith(SITE_SCRIPTS)
            # The practice page's JSON-LD is a data block no browser runs; a payload breaking
            # out of it would open a script tag of its own, found here.
            and attributes.get("type") != "application/ld+json"
        ):
            self.found.append(f"<script {attributes}>")
        elif tag in ACTIVE_TAGS - {"script"}:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta refresh>")
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            elif name in URL_ATTRIBUTES and value.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{tag} {name}={value[:30]}")
            elif name == "style" and ("expression(" in value or "javascript:" in value):
                self.found.append(f"{tag} style={value[:30]}")

    handle_startendtag = handle_starttag


def active_markup(html):
    parser = ActiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def _hostile_practice(payload, state, theme, **fields):
    institution = factories.InstitutionFactory(state=state, name=payload[:250])
    contact = factories.ContactFactory(state=state, name=payload[:200], role=payload[:200])
    practice = factories.PracticeFactory(
        title=f"{MARK} {payload}"[:250],
        lead_state=state,
        themes=[theme],
        **dict.fromkeys(PRACTICE_FIELDS, f"{MARK} {payload}"),
        **fields,
    )
    practice.institutions.add(institution)
    practice.contacts.add(contact)
    return practice


@pytest.mark.parametrize(
    ("payload", "family"), PAYLOADS, ids=[f"{f}-{n}" for n, (_p, f) in enumerate(PAYLOADS)]
)
def test_a_payload_in_every_field_runs_in_no_public_output(payload, family, anonymous):
    state, theme = factories.StateFactory(), factories.ThemeFactory()
    practice = _hostile_practice(payload, state, theme)
    update_search_index()  # as publishing does (factories write rows directly)

    pages = {
        "practice page": anonymous.get(practice.get_absolute_url()),
        "State page": anonymous.get(reverse("states:state_detail", kwargs={"slug": state.slug})),
        "search": anonymous.get(reverse("practices:practice_list"), {"q": MARK}),
        "feed": anonymous.get(reverse("practices:theme_feed", kwargs={"slug": theme.slug})),
    }
    api = anonymous.get(f"/api/v1/practices/{practice.uuid}/")
    as_html = anonymous.get(f"/api/v1/practices/{practice.uuid}/", HTTP_ACCEPT="text/html")
    export = anonymous.get(reverse("practices:practice_export"), {"q": MARK})

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert {name: active_markup(page.content.decode()) for name, page in pages.items()} == {
        name: [] for name in pages
    }
    assert api["Content-Type"] == "application/json"
    assert api["X-Content-Type-Options"] == "nosniff"
    assert api.json()["title"] == practice.title  # data, as written: the client escapes
    assert (as_html.status_code, as_html["Content-Type"]) == (406, "application/json")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert [cell for cell in rows[1] if cell.startswith(FORMULA_STARTS)] == []


def _chunks(size):
    return [PAYLOADS[start : start + size] for start in range(0, len(PAYLOADS), size)]


CHUNKS = _chunks(20)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.mark.parametrize("chunk", CHUNKS, ids=[f"payloads-{n * 20}" for n in range(len(CHUNKS))])
def test_payloads_run_in_no_page_of_review_nor_in_the_emails(
    chunk,
    client,
    submitter,
    state,
    moderator,
    settings,
    media_root,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    theme = factories.ThemeFactory()
    texts = "\n\n".join(payload for payload, _family in chunk)
    live = _hostile_practice(texts[:200], state, theme, created_by=submitter)
    revision = workflow.start_revision(live, by=submitter)
    for field in PRACTICE_FIELDS:
        setattr(revision, field, f"{texts}\n\nchanged")
    revision.title = f"{chunk[-1][0]} changed"[:250]
    revision.save()
    draft = _hostile_practice(chunk[0][0], state, theme, status=S.DRAFT, created_by=submitter)
    draft.title, draft.description = f"{chunk[1][0]}"[:250], texts
    draft.save()
    with_comment = _hostile_practice(
        chunk[2][0], state, theme, status=S.SUBMITTED, created_by=submitter
    )
    workflow.request_changes(with_comment, by=moderator, comment=texts)
    asker = factories.UserFactory()
    JoinRequest.objects.create(user=asker, state=factories.StateFactory(), message=texts)
    response = ResponseFactory(state=state, status=Response.Status.PUBLISHED)
    AnswerFactory(
        response=response,
        question=QuestionFactory(round=response.round, kind=Question.Kind.FREE_TEXT),
        choice="",
        text=texts[:5000],
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(revision, by=submitter)

    client.force_login(submitter)
    pages = {
        "preview": client.get(reverse("workflow:practice_preview", kwargs={"pk": draft.pk})),
        "status with comment": client.get(
            reverse("workflow:practice_status", kwargs={"pk": with_comment.pk})
        ),
        "questionnaire response": client.get(
            reverse(
                "questionnaires:response_detail",
                kwargs={"year": response.round.year, "state": state.slug},
            )
        ),
    }
    client.force_login(moderator)
    pages["review and diff"] = client.get(reverse("moderation:review", kwargs={"pk": revision.pk}))
    pages["join requests"] = client.get(reverse("accounts:join_requests"))
    pages["queue"] = client.get(reverse("moderation:queue"))

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert {name: active_markup(page.content.decode()) for name, page in pages.items()} == {
        name: [] for name in pages
    }
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject
        for html, _type in getattr(message, "alternatives", []):
            assert active_markup(html) == []


def test_the_checker_sees_the_payloads_themselves_as_active():
    """The check above means something: written raw into a page, the payloads would run."""
    raw = [payload for payload, family in PAYLOADS if family not in {"markdown", "standalone"}]

    caught = [payload for payload in raw if active_markup(f"<p>{payload}</p>")]

    assert len(caught) >= 0.8 * len(raw)  # attribute breakouts need an attribute to break
