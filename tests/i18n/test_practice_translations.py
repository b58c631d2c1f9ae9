"""Practices in the reader's language (issue 18): a State's members (or a moderator) translate
a published practice's text; a moderator publishes or rejects the translation; readers, the
API, the sync feed and search follow the published translations only."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.models import Action, AuditRecord
from moderation.transitions import TransitionError
from practices import translation_workflow as workflow
from practices.translations import PracticeTranslation
from tests.factories import PracticeFactory
from tests.support import assert_answers_in

pytestmark = pytest.mark.django_db
S = PracticeTranslation.Status

SPANISH = {
    "title": "Asociación de competencias",
    "summary": "Un resumen en español de la práctica.",
    "description": "Una descripción más larga de la práctica.",
    "objectives": "Objetivos en español.",
    "results": "",
    "lessons": "",
}


@pytest.fixture
def practice(state):
    return PracticeFactory(lead_state=state, title="Skills partnership", language="en")


def _published(practice, submitter, moderator, language="es", text=SPANISH):
    translation = workflow.save_translation(
        practice=practice, language=language, text=text, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    workflow.approve_translation(translation=translation, by=moderator)
    translation.refresh_from_db()
    return translation


def _edit_url(practice, language="es"):
    return reverse("workflow:translation_edit", kwargs={"pk": practice.pk, "language": language})


def test_a_submitter_writes_a_spanish_translation_saves_a_draft_and_submits_it(
    client, submitter, practice
):
    client.force_login(submitter)
    listing = client.get(reverse("workflow:translation_list", kwargs={"pk": practice.pk}))
    assert listing.status_code == 200
    assert client.get(listing.request["PATH_INFO"], {"language": "es"}).url == _edit_url(practice)
    form = client.get(_edit_url(practice))
    assert "Skills partnership" in form.content.decode()  # the original beside the field
    response = client.post(_edit_url(practice), {**SPANISH, "intent": "draft"})
    assert response.status_code == 302
    translation = PracticeTranslation.objects.get(practice=practice, language="es")
    assert translation.status == S.DRAFT
    assert translation.translated_by == submitter
    assert not translation.by_moderators
    client.post(_edit_url(practice), {**SPANISH, "intent": "submit"})
    translation.refresh_from_db()
    assert translation.status == S.SUBMITTED
    assert translation.submitted_at is not None


def test_the_form_keeps_what_was_typed_when_the_title_is_missing(client, submitter, practice):
    client.force_login(submitter)
    response = client.post(_edit_url(practice), {**SPANISH, "title": "", "intent": "draft"})
    assert response.status_code == 400
    assert "Un resumen en español" in response.content.decode()
    assert not PracticeTranslation.objects.exists()


def test_the_practice_s_own_language_cannot_be_chosen(client, submitter, practice):
    client.force_login(submitter)
    assert client.get(_edit_url(practice, "en")).status_code == 404
    with pytest.raises(TransitionError):
        workflow.save_translation(practice=practice, language="en", text=SPANISH, by=submitter)


def test_another_state_s_submitter_gets_404_on_the_translation_pages(
    client, other_submitter, practice
):
    client.force_login(other_submitter)
    assert client.get(_edit_url(practice)).status_code == 404
    assert client.post(_edit_url(practice), {**SPANISH}).status_code == 404
    listing = reverse("workflow:translation_list", kwargs={"pk": practice.pk})
    assert client.get(listing).status_code == 404
    with pytest.raises(TransitionError):
        workflow.save_translation(
            practice=practice, language="es", text=SPANISH, by=other_submitter
        )


def test_moderators_see_submitted_translations_in_their_queue_and_approve_one(
    client, submitter, moderator, practice
):
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    client.force_login(moderator)
    queue = client.get("/en/moderation/").content.decode()
    review_url = reverse("moderation:translation_review", kwargs={"pk": translation.pk})
    assert review_url in queue
    review = client.get(review_url).content.decode()
    assert "Skills partnership" in review and "Asociación de competencias" in review
    assert client.post(review_url, {"decision": "approve"}).status_code == 302
    translation.refresh_from_db()
    assert translation.status == S.PUBLISHED
    assert translation.published_at is not None


def test_a_rejection_needs_a_comment_and_a_submitter_cannot_decide(
    client, submitter, moderator, practice
):
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    with pytest.raises(TransitionError):
        workflow.approve_translation(translation=translation, by=submitter)
    client.force_login(moderator)
    review_url = reverse("moderation:translation_review", kwargs={"pk": translation.pk})
    assert client.post(review_url, {"decision": "reject"}).status_code == 400
    client.post(review_url, {"decision": "reject", "comment": "Falta la descripción."})
    translation.refresh_from_db()
    assert translation.status == S.REJECTED
    client.force_login(submitter)
    assert client.get(review_url).status_code == 403


def test_every_step_writes_the_translation_s_own_audit_records(submitter, moderator, practice):
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    workflow.reject_translation(translation=translation, by=moderator, comment="Incompleta.")
    workflow.save_translation(practice=practice, language="es", text=SPANISH, by=submitter)
    translation.refresh_from_db()
    workflow.submit_translation(translation=translation, by=submitter)
    workflow.approve_translation(translation=translation, by=moderator)
    records = AuditRecord.objects.for_object(translation)
    assert [(r.action, r.from_status, r.to_status, r.actor) for r in records] == [
        (Action.SUBMIT, S.DRAFT, S.SUBMITTED, submitter),
        (Action.REJECT, S.SUBMITTED, S.REJECTED, moderator),
        (Action.WITHDRAW, S.REJECTED, S.DRAFT, submitter),
        (Action.SUBMIT, S.DRAFT, S.SUBMITTED, submitter),
        (Action.APPROVE, S.SUBMITTED, S.PUBLISHED, moderator),
    ]
    assert records[1].comment == "Incompleta."
    assert not AuditRecord.objects.for_object(practice).exists()


def test_a_submitted_translation_can_no_longer_be_changed(submitter, practice):
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    with pytest.raises(TransitionError):
        workflow.save_translation(practice=practice, language="es", text=SPANISH, by=submitter)


def test_a_moderator_s_translation_is_labelled_as_the_moderators(moderator, practice):
    translation = workflow.save_translation(
        practice=practice, language="fr", text=SPANISH, by=moderator
    )
    assert translation.by_moderators
    assert translation.translator_name() == "the platform's moderators"


@pytest.mark.parametrize("extra", [0, 3])
def test_the_translation_pages_take_a_fixed_number_of_queries(
    client, submitter, moderator, state, extra, django_assert_num_queries
):
    practice = PracticeFactory(lead_state=state)
    for language in ["fr", "ru", "ar"][:extra]:
        workflow.save_translation(practice=practice, language=language, text=SPANISH, by=submitter)
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    client.force_login(submitter)
    listing = reverse("workflow:translation_list", kwargs={"pk": practice.pk})
    assert_answers_in(django_assert_num_queries, client, listing, LIST_QUERIES, warm=True)
    assert_answers_in(
        django_assert_num_queries, client, _edit_url(practice, "zh-hans"), FORM_QUERIES
    )
    client.force_login(moderator)
    review = reverse("moderation:translation_review", kwargs={"pk": translation.pk})
    assert_answers_in(django_assert_num_queries, client, review, REVIEW_QUERIES, warm=True)


LIST_QUERIES, FORM_QUERIES, REVIEW_QUERIES = 7, 7, 7


def test_the_spanish_page_shows_the_published_spanish_translation_labelled(
    client, submitter, moderator, practice, state
):
    translation = _published(practice, submitter, moderator)
    html = client.get(f"/es/practices/{practice.slug}/").content.decode()
    assert "Asociación de competencias" in html
    assert "Un resumen en español de la práctica." in html
    assert "Skills partnership" not in html.split("<article", 1)[1].split("</header>")[0]
    assert state.display_name in html
    assert translation.published_at.year.__str__() in html
    assert f'href="/en/practices/{practice.slug}/"' in html  # the original
    assert '<div class="practice-content" dir="auto">' in html  # Spanish, like the page
    assert 'lang="es"' not in html.split('<div class="practice-content"')[1][:40]


def test_the_french_page_shows_the_original_labelled_english(
    client, submitter, moderator, practice
):
    _published(practice, submitter, moderator)
    html = client.get(f"/fr/practices/{practice.slug}/").content.decode()
    assert "Skills partnership" in html
    assert "Asociación de competencias" not in html
    assert '<div class="practice-content" dir="auto" lang="en">' in html
    assert 'class="language-label"' in html


def test_the_original_s_page_shows_the_original(client, submitter, moderator, practice):
    _published(practice, submitter, moderator)
    html = client.get(f"/en/practices/{practice.slug}/").content.decode()
    assert "Skills partnership" in html
    assert "Asociación de competencias" not in html
    assert 'class="language-label"' not in html


def test_a_draft_submitted_or_rejected_translation_is_never_shown(
    client, submitter, moderator, practice
):
    french = workflow.save_translation(practice=practice, language="fr", text=SPANISH, by=submitter)
    russian = workflow.save_translation(
        practice=practice, language="ru", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=russian, by=submitter)
    spanish = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=spanish, by=submitter)
    workflow.reject_translation(translation=spanish, by=moderator, comment="No.")
    assert french.status == S.DRAFT
    for language in ["fr", "ru", "es"]:
        html = client.get(f"/{language}/practices/{practice.slug}/").content.decode()
        assert "Asociación de competencias" not in html
        assert "Skills partnership" in html


def test_publishing_a_translation_refreshes_a_page_already_cached(
    client, submitter, moderator, practice
):
    url = f"/es/practices/{practice.slug}/"
    assert "Skills partnership" in client.get(url).content.decode()
    _published(practice, submitter, moderator)
    assert "Asociación de competencias" in client.get(url).content.decode()


def test_the_translated_page_takes_a_fixed_number_of_queries_cached_or_not(
    client, submitter, moderator, practice, served_once, django_assert_num_queries
):
    _published(practice, submitter, moderator)
    url = f"/es/practices/{practice.slug}/"
    served_once(client, url)
    assert_answers_in(django_assert_num_queries, client, url, PAGE_QUERIES, CACHED_PAGE_QUERIES)


# The practice, its links (which also say it has no indicators or adaptations), related
# practices in two, its versions, its latest currency answer and its translation (no
# contacts); cached: the row alone.
PAGE_QUERIES, CACHED_PAGE_QUERIES = 7, 1


def test_the_api_lists_published_translations_and_honours_lang_and_accept_language(
    client, submitter, moderator, practice
):
    translation = _published(practice, submitter, moderator)
    workflow.save_translation(practice=practice, language="fr", text=SPANISH, by=submitter)
    url = f"/api/v1/practices/{practice.slug}/"
    original = client.get(url).json()
    assert original["title"] == "Skills partnership"
    assert original["language"] == "en"
    assert original["translations"] == [
        {
            "language": "es",
            "status": "published",
            "published_at": translation.published_at.isoformat().replace("+00:00", "Z"),
            "outdated": False,
        }
    ]
    spanish = client.get(url, {"lang": "es"}).json()
    assert spanish["title"] == "Asociación de competencias"
    assert spanish["summary"] == SPANISH["summary"]
    assert spanish["language"] == "en"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()["title"] == SPANISH["title"]
    # No published French translation: the original.
    assert client.get(url, {"lang": "fr"}).json()["title"] == "Skills partnership"
    listed = client.get("/api/v1/practices/", {"lang": "es"}).json()["results"]
    assert [item["title"] for item in listed] == [SPANISH["title"]]


def test_the_sync_feed_reports_the_practice_changed_when_a_translation_is_published(
    client, submitter, moderator, practice
):
    since = (timezone.now() + timedelta(milliseconds=1)).isoformat().replace("+00:00", "Z")
    time.sleep(0.01)
    assert client.get("/api/v1/practices/", {"updated_since": since}).json()["results"] == []
    _published(practice, submitter, moderator)
    changed = client.get("/api/v1/practices/", {"updated_since": since}).json()["results"]
    assert [item["slug"] for item in changed] == [practice.slug]
    assert changed[0]["translations"][0]["language"] == "es"


def test_an_unknown_lang_is_a_400_in_json(client, practice):
    response = client.get(f"/api/v1/practices/{practice.slug}/", {"lang": "xx"})
    assert response.status_code == 400
    assert "lang" in response.json()["errors"]


def test_the_status_page_of_a_published_practice_offers_its_translations(
    client, submitter, practice
):
    client.force_login(submitter)
    html = client.get(reverse("workflow:practice_status", kwargs={"pk": practice.pk})).content
    assert reverse("workflow:translation_list", kwargs={"pk": practice.pk}).encode() in html


def test_translated_text_is_escaped_on_the_page(client, submitter, moderator, practice):
    _published(practice, submitter, moderator, text={**SPANISH, "title": "<script>x()</script>"})
    html = client.get(f"/es/practices/{practice.slug}/").content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


def test_only_moderators_translate_a_practice_led_by_a_body(client, submitter, moderator):
    from tests.factories import RegionalBodyFactory

    practice = PracticeFactory(lead_state=None, lead_body=RegionalBodyFactory())
    client.force_login(submitter)
    assert client.get(_edit_url(practice)).status_code == 404
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=moderator
    )
    assert translation.translator_name() == "the platform's moderators"


def test_the_translated_page_s_metadata_names_the_translation_s_language(
    client, submitter, moderator, practice
):
    _published(practice, submitter, moderator)
    html = client.get(f"/es/practices/{practice.slug}/").content.decode()
    assert '<meta name="citation_language" content="es">' in html
    assert '"inLanguage": "es"' in html
    english = client.get(f"/en/practices/{practice.slug}/").content.decode()
    assert '<meta name="citation_language" content="en">' in english


def test_the_new_pages_are_valid_html(client, submitter, moderator, practice):
    import html5lib

    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    workflow.submit_translation(translation=translation, by=submitter)
    client.force_login(submitter)
    pages = [
        reverse("workflow:translation_list", kwargs={"pk": practice.pk}),
        _edit_url(practice, "fr"),
        _edit_url(practice, "es"),  # submitted: shown side by side, not editable
    ]
    for url in pages:
        html5lib.HTMLParser(strict=True).parse(client.get(url).content.decode())
    assert "Una descripción más larga" in client.get(_edit_url(practice, "es")).content.decode()
    client.force_login(moderator)
    for url in ["/en/moderation/", reverse("moderation:translation_review", args=[translation.pk])]:
        html5lib.HTMLParser(strict=True).parse(client.get(url).content.decode())
    workflow.approve_translation(translation=translation, by=moderator)
    page = client.get(f"/es/practices/{practice.slug}/").content.decode()
    html5lib.HTMLParser(strict=True).parse(page)


def test_staff_read_translations_in_the_admin_without_changing_them(
    client, admin_user, submitter, practice
):
    translation = workflow.save_translation(
        practice=practice, language="es", text=SPANISH, by=submitter
    )
    client.force_login(admin_user)
    listing = client.get("/admin/practices/practicetranslation/")
    assert listing.status_code == 200
    assert "Skills partnership" in listing.content.decode()
    change = f"/admin/practices/practicetranslation/{translation.pk}/change/"
    assert client.post(change, {**SPANISH, "status": "published"}).status_code == 403
    translation.refresh_from_db()
    assert translation.status == S.DRAFT


def test_only_a_published_practice_can_be_translated(client, submitter, state):
    draft = PracticeFactory(lead_state=state, status=PracticeTranslation.Status.DRAFT)
    client.force_login(submitter)
    assert client.get(_edit_url(draft)).status_code == 404
    with pytest.raises(TransitionError):
        workflow.save_translation(practice=draft, language="es", text=SPANISH, by=submitter)
