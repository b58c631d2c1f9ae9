"""Typed evidence: the "Results and evidence" step's evaluation type, beneficiaries and
indicator rows, kept through revisions, versions and diffs, and shown on the practice page as
a small table (never a score)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from practices import workflow
from practices.diff import revision_changes
from practices.evidence import EvaluationType, Indicator
from practices.models import Attachment, Practice
from practices.versions import as_practice
from tests.factories import PracticeFactory

S = Practice.Status
pytestmark = pytest.mark.django_db
PREFIX = "indicators"


def _step(practice):
    return reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "results"})


def _rows(*rows, initial=0):
    """Formset data: the management form and each row's fields."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(initial),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{PREFIX}-{index}-{name}": value for name, value in row.items()})
    return data


def _results(practice, *rows, initial=0, **fields):
    return {
        "version": practice.version,
        "results": "More projects.",
        "evaluation_type": "",
        "beneficiaries_reached": "",
        "beneficiaries_description": "",
        "intent": "save",
        **fields,
        **_rows(*rows, initial=initial),
    }


@pytest.fixture
def signed_in(client, submitter):
    client.force_login(submitter)
    return client


def test_the_results_step_offers_the_evaluation_beneficiaries_and_empty_indicator_rows(
    signed_in, make_practice
):
    page = signed_in.get(_step(make_practice())).content.decode()
    assert 'name="evaluation_type"' in page
    assert 'name="beneficiaries_reached"' in page
    assert f'name="{PREFIX}-0-name"' in page and f'name="{PREFIX}-1-name"' in page
    assert "<legend>Indicator 1</legend>" in page


def test_the_step_saves_the_evidence_and_its_indicators_in_order(signed_in, make_practice):
    practice = make_practice()
    data = _results(
        practice,
        {"name": "Projects funded", "unit": "projects", "baseline": "0", "achieved": "2,500"},
        {"name": "Share of women", "target": "40 %", "measured_on": "2007-12-31"},
        evaluation_type=EvaluationType.INDEPENDENT,
        beneficiaries_reached="12000",
        beneficiaries_description="returning migrants",
    )

    response = signed_in.post(_step(practice), data)

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.evaluation_type == "independent"
    assert (practice.beneficiaries_reached, practice.beneficiaries_description) == (
        12000,
        "returning migrants",
    )
    indicators = list(practice.indicators.all())
    assert [i.name for i in indicators] == ["Projects funded", "Share of women"]
    assert indicators[0].achieved == "2,500"
    assert indicators[1].measured_on == datetime.date(2007, 12, 31)


def test_an_invalid_indicator_keeps_everything_typed_and_says_which_row(signed_in, make_practice):
    practice = make_practice()
    data = _results(
        practice,
        {"name": "Projects funded", "achieved": "2,500"},
        {"name": "", "unit": "persons", "source_url": "not a link at all"},
        beneficiaries_reached="-3",
    )

    response = signed_in.post(_step(practice), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Projects funded"' in page
    assert 'value="persons"' in page
    assert 'value="not a link at all"' in page
    assert "Indicator 2" in page and "Some indicators need correcting" in page
    assert not Indicator.objects.exists()
    practice.refresh_from_db()
    assert practice.version == 1


def test_rows_are_removed_with_their_box_and_empty_rows_are_skipped(signed_in, make_practice):
    practice = make_practice()
    kept = Indicator.objects.create(practice=practice, name="Kept", position=0)
    gone = Indicator.objects.create(practice=practice, name="Gone", position=1)
    data = _results(
        practice,
        {"id": kept.pk, "practice": practice.pk, "name": "Kept"},
        {"id": gone.pk, "practice": practice.pk, "name": "Gone", "DELETE": "on"},
        {"name": ""},
        initial=2,
    )

    assert signed_in.post(_step(practice), data).status_code == 302
    assert [i.name for i in practice.indicators.all()] == ["Kept"]


def test_an_indicator_cites_a_link_or_a_document_of_the_practice_not_both(signed_in, make_practice):
    practice = make_practice()
    document = Attachment.objects.create(
        practice=practice, file="attachments/x.pdf", original_name="x.pdf", size=1
    )
    both = {"name": "Projects", "source_url": "https://example.org"}
    both["source_attachment"] = document.pk
    assert signed_in.post(_step(practice), _results(practice, both)).status_code == 400

    other = Attachment.objects.create(
        practice=PracticeFactory(), file="attachments/y.pdf", original_name="y.pdf", size=1
    )
    foreign = {"name": "Projects", "source_attachment": other.pk}
    assert signed_in.post(_step(practice), _results(practice, foreign)).status_code == 400

    cited = {"name": "Projects", "source_attachment": document.pk}
    assert signed_in.post(_step(practice), _results(practice, cited)).status_code == 302
    assert practice.indicators.get().source_attachment == document


def test_a_revision_copies_the_indicators_and_approval_moves_them_onto_the_live_practice(
    make_practice, submitter, moderator
):
    live = make_practice(S.PUBLISHED, evaluation_type="internal")
    document = Attachment.objects.create(
        practice=live, file="attachments/e.pdf", original_name="e.pdf", size=1, is_evaluation=True
    )
    Indicator.objects.create(
        practice=live, name="Projects", achieved="10", source_attachment=document
    )

    revision = workflow.start_revision(live, by=submitter)

    copied = revision.indicators.get()
    assert (copied.name, copied.achieved) == ("Projects", "10")
    assert copied.source_attachment.practice == revision
    assert copied.source_attachment.is_evaluation
    assert revision.evaluation_type == "internal"
    assert live.indicators.count() == 1

    copied.achieved = "25"
    copied.save()
    assert [c.label for c in revision_changes(live, revision)] == ["indicators"]
    workflow.submit(revision, by=submitter)
    workflow.approve(revision, by=moderator)

    indicator = live.indicators.get()
    assert indicator.achieved == "25"
    assert indicator.source_attachment.practice == live
    assert live.versions.last().content["indicators"][0]["achieved"] == "25"


def test_a_changed_indicator_changes_the_reviewed_fingerprint(make_practice):
    practice = make_practice(S.SUBMITTED)
    before = workflow.content_fingerprint(practice)
    Indicator.objects.create(practice=practice, name="Projects")
    assert workflow.content_fingerprint(practice) != before


def test_a_published_version_shows_the_indicators_it_had(make_practice, moderator):
    practice = make_practice(S.PUBLISHED)
    Indicator.objects.create(practice=practice, name="Projects", measured_on="2008-01-02")
    version = workflow.record_published_version(practice)

    _shown, rel = as_practice(version)

    assert [i.name for i in rel["evidence"].indicators] == ["Projects"]
    assert rel["evidence"].indicators[0].measured_on == datetime.date(2008, 1, 2)


def test_a_version_made_before_the_evidence_fields_is_not_repeated(make_practice):
    practice = make_practice(S.PUBLISHED)
    version = workflow.record_published_version(practice)
    content = version.content
    for name in ("evaluation_type", "beneficiaries_reached", "adapted_from"):
        content["fields"].pop(name)
    content.pop("indicators")
    version.content = content
    version.save()

    assert workflow.record_published_version(practice) == version


def test_the_practice_page_shows_the_evidence_as_a_small_table(client, make_practice):
    practice = make_practice(
        S.PUBLISHED,
        evaluation_type="experimental",
        beneficiaries_reached=12000,
        beneficiaries_description="returning migrants",
    )
    Indicator.objects.create(
        practice=practice,
        name="Projects funded",
        unit="projects",
        baseline="0",
        target="3,000",
        achieved="2,500",
        measured_on="2007-12-31",
        source_url="https://example.org/report",
    )
    Attachment.objects.create(
        practice=practice,
        file="attachments/eval.pdf",
        original_name="eval.pdf",
        title="Evaluation report",
        size=10,
        is_evaluation=True,
    )

    page = client.get(practice.get_absolute_url()).content.decode()

    assert '<h2 id="evidence-title">Evidence</h2>' in page
    assert "<caption>Indicators, as the State reports them</caption>" in page
    assert '<th scope="col">Achieved</th>' in page
    assert '<th scope="row"><bdi>Projects funded</bdi></th>' in page
    assert '<time datetime="2007-12-31">' in page
    assert "Experimental or quasi-experimental evaluation" in page
    assert "12,000" in page or "12000" in page
    assert "Evaluation report</a>" in page
    assert "score" not in page.lower() and "rank" not in page.lower().replace("frank", "")


def test_a_practice_without_evidence_says_evaluation_not_given(client, make_practice):
    practice = make_practice(S.PUBLISHED)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<dt>Evaluation</dt><dd>Not given</dd>" in page
    assert "<table" not in page.split('id="evidence-title"')[1].split("</section>")[0]


def test_an_upload_can_be_marked_as_the_evaluation(client, submitter, make_practice, settings):
    practice = make_practice()
    client.force_login(submitter)
    pdf = ContentFile(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    pdf.name = "evaluation.pdf"
    response = client.post(
        reverse("workflow:attachment_upload", kwargs={"pk": practice.pk}),
        {"file": pdf, "title": "Mid-term evaluation", "is_evaluation": "on"},
    )
    assert response.status_code == 302
    assert practice.attachments.get().is_evaluation


def test_the_paper_practices_give_no_evidence():
    from django.core.management import call_command

    call_command("load_default_data", verbosity=0)
    paper = Practice.objects.filter(origin=Practice.Origin.PAPER)
    assert paper.exists()
    assert set(paper.values_list("evaluation_type", flat=True)) == {""}
    assert not paper.filter(beneficiaries_reached__isnull=False).exists()
    assert not Indicator.objects.exists()


def test_the_evidence_pages_parse_as_html5(client, signed_in, make_practice):
    import html5lib

    practice = make_practice(S.PUBLISHED, evaluation_type="internal", beneficiaries_reached=5)
    Indicator.objects.create(practice=practice, name="Projects", measured_on="2008-01-02")
    draft = make_practice()
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(client.get(practice.get_absolute_url()).content.decode())
    parser.parse(signed_in.get(_step(draft)).content.decode())
    invalid = signed_in.post(_step(draft), _results(draft, {"name": "", "unit": "persons"}))
    parser.parse(invalid.content.decode())
    what_was_done = reverse(
        "workflow:practice_step", kwargs={"pk": draft.pk, "step": "what-was-done"}
    )
    parser.parse(signed_in.get(what_was_done).content.decode())


def test_the_results_step_takes_a_fixed_number_of_queries_whatever_the_indicators(
    signed_in, make_practice
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    practice = make_practice()
    signed_in.get(_step(practice))
    with CaptureQueriesContext(connection) as few:
        signed_in.get(_step(practice))
    for number in range(5):
        Indicator.objects.create(practice=practice, name=f"Indicator {number}", position=number)
    with CaptureQueriesContext(connection) as many:
        signed_in.get(_step(practice))
    # The rows' "source document" lists share one read of the practice's documents.
    assert len(many) == len(few)
