"""Side channels: an unpublished practice changes nothing a visitor or partner can read.

Every public output is read twice: once with published practices only, once after an
unpublished practice (any status, of a State and theme that have nothing published) has been
added. Both answers must be the same bytes (status, body with the CSRF token and CSP nonce
blanked, ETag and Last-Modified): search results, facet counts and totals, feeds, sitemap, CSV,
API list filters and orderings, API counts, and the error bodies of filters naming the draft's
theme or State (which must read as for an unused one). ASVS 4.0.3 V4.1.1, V4.2.1, V7.4.1,
V13.1.4.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from practices import workflow
from practices.indexing import update_search_index
from practices.models import Practice
from tests import factories

S = Practice.Status
pytestmark = pytest.mark.django_db

SECRET = "Quokkafund"  # a word only the unpublished practice holds
UNPUBLISHED = [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.REJECTED, "revision"]
URLS = [
    "/en/",
    "/en/practices/",
    f"/en/practices/?q={SECRET}",
    "/en/practices/?theme=secret-theme",
    "/en/practices/?state=secret-state",
    "/en/practices/?theme=secret-theme&state=secret-state&page=2",
    "/en/practices/?sort=newest",
    "/en/practices/?sort=title",
    "/en/practices/export.csv",
    f"/en/practices/export.csv?q={SECRET}",
    "/en/practices/export.csv?theme=secret-theme",
    "/en/themes/secret-theme/",
    "/en/states/",
    "/en/states/secret-state/",
    "/en/feeds/practices/",
    "/en/feeds/themes/secret-theme/",
    "/en/feeds/states/secret-state/",
    "/sitemap.xml",
    "/sitemap-practices.xml",
    "/api/v1/practices/",
    f"/api/v1/practices/?q={SECRET}",
    "/api/v1/practices/?theme=secret-theme",
    "/api/v1/practices/?state=secret-state",
    "/api/v1/practices/?ordering=-updated_at",
    "/api/v1/practices/?ordering=title",
    "/api/v1/practices/?ordering=-start_year",
    "/api/v1/practices/?format=csv",
    "/api/v1/practices/?since=2000-01-01T00:00:00Z",
    "/api/v1/themes/",
    "/api/v1/themes/secret-theme/",
    "/api/v1/states/secret-state/",
    "/api/v1/states/",
]
HEADERS = ("ETag", "Last-Modified", "Content-Type", "Link")
NOISE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def _read(url):
    """What an anonymous reader gets, with nothing served from a cache of an earlier read."""
    cache.clear()
    response = Client(raise_request_exception=False).get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace")
    for pattern in NOISE:
        text = pattern.sub("", text)
    headers = {name: response.get(name) for name in HEADERS}
    if "<feed" in text and "<entry>" not in text:
        # An empty feed is "updated" at the time of the request: noise, not a signal.
        text = re.sub(r"<updated>[^<]*</updated>", "", text)
        headers["Last-Modified"] = None
    return response.status_code, headers, text


@pytest.fixture
def catalogue(state):
    """Published practices, and a theme and a State that have nothing published."""
    theme = factories.ThemeFactory(name="Secret theme", slug="secret-theme")
    secret_state = factories.StateFactory(iso2="KE", slug="secret-state")
    published = [factories.PracticeFactory(lead_state=state) for _ in range(3)]
    update_search_index()
    return {"theme": theme, "state": secret_state, "published": published, "owner_state": state}


def _add_unpublished(status, catalogue):
    owner = factories.SubmitterFactory(states=[catalogue["state"], catalogue["owner_state"]])
    if status == "revision":
        live = catalogue["published"][0]
        revision = workflow.start_revision(live, by=owner)
        revision.title = f"{SECRET} revised title"
        revision.summary = f"{SECRET} revised summary"
        revision.save()
        revision.themes.add(catalogue["theme"])
        return
    practice = factories.PracticeFactory(
        title=f"{SECRET} pilot",
        summary=f"{SECRET} summary",
        lead_state=catalogue["state"],
        pillar=catalogue["published"][0].pillar,  # a new pillar would show in the taxonomy
        themes=[catalogue["theme"]],
        status=status,
        published_at=None,
        submitted_at=None if status == S.DRAFT else timezone.now(),
        created_by=owner,
    )
    Practice.objects.filter(pk=practice.pk).update(updated_at=timezone.now())


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("url", URLS)
def test_an_unpublished_practice_changes_no_public_answer(url, status, catalogue):
    before = _read(url)

    _add_unpublished(status, catalogue)
    update_search_index()  # whatever the index is given, it holds no unpublished practice
    after = _read(url)

    assert before[0] < 500
    assert after == before
    if SECRET not in url:
        assert SECRET not in after[2]


@pytest.mark.parametrize("kind", ["theme", "state"])
@pytest.mark.parametrize(
    "path", ["/en/practices/", "/api/v1/practices/", "/en/practices/export.csv"]
)
def test_filtering_by_a_draft_only_value_answers_as_an_unused_one(path, kind, catalogue):
    # Named to sort where the draft's theme sorts: facet lists are in name order.
    factories.ThemeFactory(name="Secret theme two", slug="unused-theme")
    factories.StateFactory(iso2="NZ", slug="unused-state")
    _add_unpublished(S.DRAFT, catalogue)

    draft_only = _read(f"{path}?{kind}=secret-{kind}")
    unused = _read(f"{path}?{kind}=unused-{kind}")

    def blank(answer):
        status, headers, text = answer
        text = re.sub(r"(secret|unused)-(theme|state)", "<slug>", text)
        text = re.sub(r"Secret theme( two)?|Kenya|New Zealand", "<name>", text)
        return status, text

    assert blank(draft_only) == blank(unused)
