"""Every page type is valid HTML.

Always: html5lib's strict parser (the WHATWG parsing algorithm, failing on any parse error).
Where the W3C Nu HTML checker is at hand (``VNU_JAR``, the path of ``vnu.jar`` from the npm
package ``vnu-jar``; Java 17 runs it offline): 0 errors from it, the bar the site is judged by.
"""

import json
import os
import shutil
import subprocess

import html5lib
import pytest
from django.urls import reverse

from practices.models import Practice
from practices.steps import STEPS
from tests import factories

VNU_JAR = os.environ.get("VNU_JAR", "")


@pytest.fixture
def page_types(catalogue, submitter):
    body = factories.RegionalBodyFactory(acronym="ECOWAS", name="Economic Community")
    catalogue["ghanaian"].partner_bodies.set([body])
    practice = catalogue["three_for_one"]
    return {
        "home": "/en/",
        "search": reverse("practices:practice_list"),
        "search, filtered": reverse("practices:practice_list")
        + "?q=remittances&theme=remittances&region=americas&year_from=2000&page=1",
        "search, no results": reverse("practices:practice_list")
        + "?q=nothing-matches&stage=planned",
        "practice": practice.get_absolute_url(),
        "practice, French": "/fr" + practice.get_absolute_url()[3:],
        "State": catalogue["mexico"].get_absolute_url(),
        "States": reverse("states:state_list"),
        "theme": catalogue["remittances"].get_absolute_url(),
        "themes": reverse("practices:theme_list"),
        "pillar": catalogue["pillar"].get_absolute_url(),
        "pillars": reverse("practices:pillar_list"),
        "body": body.get_absolute_url(),
        "bodies": reverse("states:body_list"),
        "about": reverse("pages:about"),
        "accessibility": reverse("pages:accessibility"),
        "API and data": reverse("pages:api_data"),
        "contact": reverse("pages:contact"),
        "what's new": reverse("pages:whats_new"),
        "questionnaires": reverse("questionnaires:round_list"),
        "sign in": reverse("login"),
        "calls": reverse("calls:call_list"),
        "home, Arabic (right to left)": "/ar/",
        "practice, Chinese": "/zh-hans" + practice.get_absolute_url()[3:],
        "search, Russian": "/ru" + reverse("practices:practice_list")[3:] + "?q=remittances",
        "State, Spanish": "/es" + catalogue["mexico"].get_absolute_url()[3:],
    }


def fetch_all(client, page_types):
    pages = {}
    for name, url in page_types.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        pages[name] = response.content.decode()
    return pages


def test_every_page_type_parses_without_error_as_html5(client, page_types):
    parser = html5lib.HTMLParser(strict=True)
    for name, html in fetch_all(client, page_types).items():
        try:
            parser.parse(html)
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{name} ({page_types[name]}): {error}")


def test_the_signed_in_menu_parses_without_error_too(client, page_types, submitter):
    client.force_login(submitter)
    html5lib.HTMLParser(strict=True).parse(client.get("/en/").content.decode())


def nu_errors(pages, tmp_path):
    """The Nu HTML checker's errors for ``pages`` (name -> HTML); skips without the checker
    outside CI."""
    if not (VNU_JAR and os.path.exists(VNU_JAR) and shutil.which("java")):
        # .ci/run installs it: in CI a missing checker is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide the Nu HTML checker (VNU_JAR={VNU_JAR!r}, java)")
        pytest.skip("set VNU_JAR to vnu.jar (npm install vnu-jar) to run the W3C Nu HTML checker")
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page{number}.html"
        path.write_text(html)
        files[str(path)] = name
    result = subprocess.run(  # noqa: S603 - our own files, a fixed command
        ["java", "-jar", VNU_JAR, "--errors-only", "--format", "json", *files],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_the_nu_html_checker_finds_no_error_on_any_page_type(client, page_types, tmp_path):
    errors = nu_errors(fetch_all(client, page_types), tmp_path)
    assert not errors, "\n".join(errors)


def test_the_nu_html_checker_finds_no_error_on_the_submitters_pages(
    client, submitter, state, tmp_path
):
    draft = factories.PracticeFactory(
        lead_state=state, created_by=submitter, status=Practice.Status.DRAFT
    )
    client.force_login(submitter)
    pages = {
        "My State": reverse("workflow:dashboard"),
        "practice status": reverse("workflow:practice_status", args=[draft.pk]),
        "preview": reverse("workflow:practice_preview", args=[draft.pk]),
        **{
            f"form step {step.slug}": reverse("workflow:practice_step", args=[draft.pk, step.slug])
            for step in STEPS
        },
        "form step, Arabic": "/ar"
        + reverse("workflow:practice_step", args=[draft.pk, STEPS[0].slug])[3:],
    }
    errors = nu_errors(fetch_all(client, pages), tmp_path)
    assert not errors, "\n".join(errors)
