"""Revising a published translation, and translations whose original changed: a revision is
moderated while readers keep the published text; approval replaces it, rejection keeps it; a
new version of the practice's text marks its published translations as possibly out of date
until a revision of them is published."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation as i18n

from moderation.models import Action, AuditRecord
from moderation.transitions import TransitionError
from practices import translation_workflow
from practices import workflow as practice_workflow
from practices.translations import PracticeTranslation
from tests.factories import PracticeFactory, ThemeFactory
from tests.support import assert_answers_in

pytestmark = pytest.mark.django_db
S = PracticeTranslation.Status

SPANISH = {
    "title": "Asociación de competencias",
    "summary": "Un resumen en español de la práctica.",
    "description": "Una descripción de la práctica.",
    "objectives": "",
    "results": "",
    "lessons": "",
}
REVISED = {**SPANISH, "summary": "Un resumen revisado de la práctica."}


@pytest.fixture
def practice(state):
    """A published practice, its first version kept as the workflow's approval keeps it."""
    practice = PracticeFactory(lead_state=state, title="Skills partnership", language="en")
    practice_workflow.record_published_version(practice)
    return practice


@pytest.fixture
def published(practice, submitter, moderator):
    """Its published Spanish translation."""
    translation = translation_workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    translation_workflow.submit_translation(translation=translation, by=submitter)
    translation_workflow.approve_translation(translation=translation, by=moderator)
    translation.refresh_from_db()
    return translation


def _english(name, **kwargs):
    """The English address: a request leaves its language (the Spanish page's) active."""
    with i18n.override("en"):
        return reverse(name, kwargs=kwargs)


def _edit_url(practice, language="es"):
    return _english("workflow:translation_edit", pk=practice.pk, language=language)


def _list_url(practice):
    return _english("workflow:translation_list", pk=practice.pk)


def _review_url(translation):
    return _english("moderation:translation_review", pk=translation.pk)


def _spanish_page(client, practice):
    return client.get(f"/es/practices/{practice.slug}/").content.decode()


def _submitted_revision(published, submitter, text=REVISED):
    revision = translation_workflow.save_translation(
        practice=published.practice, language="es", text=text, by=submitter
    )
    translation_workflow.submit_translation(translation=revision, by=submitter)
    return revision


def _approve_practice_revision(practice, submitter, moderator, **changes):
    revision = practice_workflow.start_revision(practice, by=submitter)
    for name, value in changes.items():
        setattr(revision, name, value)
    revision.save()
    practice_workflow.submit(revision, by=submitter)
    practice_workflow.approve(revision, by=moderator)
    practice.refresh_from_db()


def test_a_revision_is_written_on_the_published_translation_s_page_and_readers_keep_the_old_text(
    client, submitter, moderator, published
):
    practice = published.practice
    client.force_login(submitter)
    page = client.get(_edit_url(practice)).content.decode()
    assert "Un resumen en español de la práctica." in page  # the published text to start from
    assert "What you save here is a revision of it" in page
    response = client.post(_edit_url(practice), {**REVISED, "intent": "submit"})
    assert response.status_code == 302
    revision = PracticeTranslation.objects.get(revision_of=published)
    assert revision.status == S.SUBMITTED
    assert revision.summary == REVISED["summary"]
    published.refresh_from_db()
    assert published.status == S.PUBLISHED
    assert published.summary == SPANISH["summary"]
    html = _spanish_page(client, practice)
    assert "Un resumen en español de la práctica." in html
    assert "Un resumen revisado" not in html


def test_the_moderator_sees_what_the_revision_changes_and_approval_replaces_the_published_text(
    client, submitter, moderator, published
):
    practice = published.practice
    first_published_at = published.published_at
    revision = _submitted_revision(published, submitter)
    client.force_login(moderator)
    queue = client.get("/en/moderation/").content.decode()
    assert _review_url(revision) in queue
    assert "revision of the published translation" in queue
    review = client.get(_review_url(revision)).content.decode()
    assert "Changes against the published translation" in review
    assert "<ins>revisado</ins>" in review and "<del>en español</del>" in review
    assert client.post(_review_url(revision), {"decision": "approve"}).status_code == 302
    published.refresh_from_db()
    revision.refresh_from_db()
    assert published.status == S.PUBLISHED
    assert published.summary == REVISED["summary"]
    assert published.published_at > first_published_at
    assert published.published_at == revision.published_at
    assert revision.status == S.PUBLISHED
    assert PracticeTranslation.objects.published().get(practice=practice) == published
    assert "Un resumen revisado de la práctica." in _spanish_page(client, practice)
    assert [
        (r.action, r.from_status, r.to_status) for r in AuditRecord.objects.for_object(revision)
    ] == [
        (Action.SUBMIT, S.DRAFT, S.SUBMITTED),
        (Action.APPROVE, S.SUBMITTED, S.PUBLISHED),
    ]


def test_rejecting_a_revision_keeps_the_published_text_and_the_revision_can_be_taken_up_again(
    client, submitter, moderator, published
):
    practice = published.practice
    revision = _submitted_revision(published, submitter)
    client.force_login(moderator)
    response = client.post(_review_url(revision), {"decision": "reject", "comment": "No."})
    assert response.status_code == 302
    before = published.published_at
    published.refresh_from_db()
    assert published.summary == SPANISH["summary"]
    assert published.published_at == before
    assert "Un resumen en español de la práctica." in _spanish_page(client, practice)
    again = translation_workflow.save_translation(
        practice=practice, language="es", text=REVISED, by=submitter
    )
    assert again == revision  # the rejected revision reopens: one open revision at a time
    again.refresh_from_db()
    assert again.status == S.DRAFT
    assert [r.action for r in AuditRecord.objects.for_object(revision)] == [
        Action.SUBMIT,
        Action.REJECT,
        Action.WITHDRAW,
    ]
    client.force_login(submitter)
    history = client.get(_edit_url(practice)).content.decode()
    assert "Rejected" in history and "No." in history  # the revision's records shown


def test_another_state_s_members_get_404_on_the_revision_page_and_cannot_revise(
    client, other_submitter, submitter, published
):
    practice = published.practice
    revision = _submitted_revision(published, submitter)
    client.force_login(other_submitter)
    assert client.get(_edit_url(practice)).status_code == 404
    assert client.post(_edit_url(practice), {**REVISED, "intent": "draft"}).status_code == 404
    assert client.get(_list_url(practice)).status_code == 404
    assert client.get(_review_url(revision)).status_code == 403
    with pytest.raises(TransitionError):
        translation_workflow.save_translation(
            practice=practice, language="es", text=REVISED, by=other_submitter
        )


def test_a_moderator_may_revise_a_state_s_published_translation(moderator, published):
    revision = translation_workflow.save_translation(
        practice=published.practice, language="es", text=REVISED, by=moderator
    )
    assert revision.revision_of == published
    assert revision.by_moderators


def test_a_revision_waiting_for_a_decision_cannot_be_changed(client, submitter, published):
    revision = _submitted_revision(published, submitter)
    client.force_login(submitter)
    page = client.get(_edit_url(published.practice)).content.decode()
    assert "it cannot be changed until a moderator decides" in page
    assert "<ins>revisado</ins>" in page
    response = client.post(_edit_url(published.practice), {**SPANISH, "intent": "draft"})
    assert response.status_code == 400
    revision.refresh_from_db()
    assert revision.summary == REVISED["summary"]
    with pytest.raises(TransitionError):
        translation_workflow.save_translation(
            practice=published.practice, language="es", text=SPANISH, by=submitter
        )


def test_saving_twice_writes_one_revision_and_the_database_refuses_a_second_open_one(
    submitter, published
):
    first = translation_workflow.save_translation(
        practice=published.practice, language="es", text=REVISED, by=submitter
    )
    second = translation_workflow.save_translation(
        practice=published.practice, language="es", text=SPANISH, by=submitter
    )
    assert first == second
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeTranslation.objects.create(
            practice=published.practice, language="es", revision_of=published, **SPANISH
        )


def test_a_revision_cannot_be_approved_once_its_translation_is_no_longer_published(
    submitter, moderator, published
):
    revision = _submitted_revision(published, submitter)
    PracticeTranslation.objects.filter(pk=published.pk).update(status=S.REJECTED)
    with pytest.raises(TransitionError):
        translation_workflow.approve_translation(translation=revision, by=moderator)
    revision.refresh_from_db()
    assert revision.status == S.SUBMITTED


def test_the_form_answers_400_and_keeps_what_was_typed_when_the_input_is_invalid(
    client, submitter, published
):
    client.force_login(submitter)
    typed = {**REVISED, "title": "", "intent": "submit"}
    response = client.post(_edit_url(published.practice), typed)
    assert response.status_code == 400
    assert "Un resumen revisado de la práctica." in response.content.decode()
    assert not PracticeTranslation.objects.filter(revision_of=published).exists()
    first = client.post(_edit_url(published.practice, "fr"), {**SPANISH, "summary": ""})
    assert first.status_code == 400
    assert "Asociación de competencias" in first.content.decode()
    assert not PracticeTranslation.objects.filter(language="fr").exists()


def test_a_new_version_of_the_practice_s_text_marks_its_published_translations_outdated(
    client, submitter, moderator, published, practice
):
    draft = translation_workflow.save_translation(
        practice=practice, language="fr", text=SPANISH, by=submitter
    )
    _approve_practice_revision(practice, submitter, moderator, summary="A new summary.")
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.outdated_since is not None
    assert draft.outdated_since is None  # not published: its form shows the current original
    html = _spanish_page(client, practice)
    note = html.split('class="translation-outdated"', 1)[1].split("</p>", 1)[0]
    with i18n.override("es"):  # the page is the Spanish one: its note is in Spanish
        said = i18n.gettext("The original has changed since this translation was published.")
    assert said in note
    assert f'href="/en/practices/{practice.slug}/"' in note
    api = client.get(f"/api/v1/practices/{practice.slug}/").json()
    assert api["translations"][0]["outdated"] is True
    client.force_login(submitter)
    listing = client.get(_list_url(practice)).content.decode()
    assert "The original has changed since: revise it" in listing
    assert "The original has changed since this translation was published" in (
        client.get(_edit_url(practice)).content.decode()
    )


def test_publishing_a_revision_of_an_outdated_translation_clears_the_mark(
    client, submitter, moderator, published, practice
):
    _approve_practice_revision(practice, submitter, moderator, summary="A new summary.")
    revision = _submitted_revision(published, submitter)
    published.refresh_from_db()
    assert published.outdated_since is not None  # still, while the revision waits
    translation_workflow.approve_translation(translation=revision, by=moderator)
    published.refresh_from_db()
    assert published.outdated_since is None
    assert 'class="translation-outdated"' not in _spanish_page(client, practice)
    api = client.get(f"/api/v1/practices/{practice.slug}/").json()
    assert api["translations"][0]["outdated"] is False


def test_a_new_version_that_changes_no_translated_text_leaves_translations_as_they_are(
    submitter, moderator, published, practice
):
    revision = practice_workflow.start_revision(practice, by=submitter)
    revision.start_year = 2001
    revision.save()
    revision.themes.add(ThemeFactory())
    practice_workflow.submit(revision, by=submitter)
    practice_workflow.approve(revision, by=moderator)
    published.refresh_from_db()
    assert published.outdated_since is None


def test_the_changed_pages_are_valid_html(client, submitter, moderator, published, practice):
    import html5lib

    _approve_practice_revision(practice, submitter, moderator, summary="A new summary.")
    revision = _submitted_revision(published, submitter)
    client.force_login(submitter)
    for url in [_list_url(practice), _edit_url(practice)]:
        html5lib.HTMLParser(strict=True).parse(client.get(url).content.decode())
    client.force_login(moderator)
    html5lib.HTMLParser(strict=True).parse(client.get(_review_url(revision)).content.decode())
    html5lib.HTMLParser(strict=True).parse(_spanish_page(client, practice))


@pytest.mark.parametrize("languages", [["fr"], ["fr", "ru", "ar"]])
def test_the_revision_pages_take_a_fixed_number_of_queries(
    client, submitter, moderator, published, practice, languages, django_assert_num_queries
):
    for language in languages:
        translation_workflow.save_translation(
            practice=practice, language=language, text=SPANISH, by=submitter
        )
    _approve_practice_revision(practice, submitter, moderator, summary="A new summary.")
    revision = _submitted_revision(published, submitter)
    client.force_login(submitter)
    assert_answers_in(
        django_assert_num_queries, client, _list_url(practice), LIST_QUERIES, warm=True
    )
    assert_answers_in(django_assert_num_queries, client, _edit_url(practice), REVISION_FORM_QUERIES)
    client.force_login(moderator)
    assert_answers_in(
        django_assert_num_queries, client, _review_url(revision), REVIEW_QUERIES, warm=True
    )


# The session, the user and its two permission lookups, the State memberships, the practice;
# then the list: its translations with their open revisions' status (one query); the form: the
# translation, its open revision, the history of both; the review: its own fixed set.
LIST_QUERIES, REVISION_FORM_QUERIES, REVIEW_QUERIES = 7, 9, 7


def test_the_outdated_translation_s_page_takes_a_fixed_number_of_queries_cached_or_not(
    client, submitter, moderator, published, practice, served_once, django_assert_num_queries
):
    _approve_practice_revision(practice, submitter, moderator, summary="A new summary.")
    url = f"/es/practices/{practice.slug}/"
    served_once(client, url)
    assert_answers_in(django_assert_num_queries, client, url, PAGE_QUERIES, CACHED_PAGE_QUERIES)


# As for a translation that is up to date (tests/i18n/test_practice_translations.py): the mark
# is read with the translation.
PAGE_QUERIES, CACHED_PAGE_QUERIES = 7, 1
